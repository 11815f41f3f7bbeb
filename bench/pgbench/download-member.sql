-- Documents 0..99 are 1 MB and belong to clients 0..99, whose administrators are users 0..99.
\set r random(0, :large - 1)
\set u :r
\set c :r
