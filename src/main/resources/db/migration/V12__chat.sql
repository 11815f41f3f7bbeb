-- Chat with the client's care team. A thread is one question of a full-access member; its
-- messages are the question, follow-ups by members and answers by the care team (EVV). Members
-- with full access to the client share the client's threads.
create table chat_thread (
    id                 uuid primary key,
    client_id          uuid        not null references client,
    asked_by           uuid        not null references app_user,
    -- The report the question is about; cleared when the ECD withdraws the report.
    report_id          uuid        references report on delete set null,
    asked_at           timestamptz not null,
    -- 5 working days after asked_at (Europe/Amsterdam, no weekends or Dutch public holidays).
    expected_answer_on date        not null,
    -- Set once, by the escalation job, when the expected date came without an answer.
    escalated_at       timestamptz
);
create index chat_thread_client_asked on chat_thread (client_id, asked_at desc, id desc);
create index chat_thread_escalation_due on chat_thread (expected_answer_on) where escalated_at is null;

create table chat_message (
    id                 uuid primary key,
    thread_id          uuid        not null references chat_thread,
    client_id          uuid        not null references client,
    author_type        text        not null check (author_type in ('MEMBER', 'CARE_TEAM')),
    -- The app user who wrote a MEMBER message; null for CARE_TEAM messages.
    author_user_id     uuid        references app_user,
    -- The care team member's name as the ECD sent it; null for MEMBER messages.
    author_name        text,
    text               text        not null,
    sent_at            timestamptz not null,
    -- Communication/{id} of an answer imported through FHIR, so a re-sent resource updates its row.
    source_ref         text,
    -- When the care team marked a MEMBER message read.
    read_by_team_at    timestamptz,
    check ((author_type = 'MEMBER') = (author_user_id is not null))
);
create unique index chat_message_source on chat_message (client_id, source_ref) where source_ref is not null;
create index chat_message_thread_sent on chat_message (thread_id, sent_at desc, id desc);

-- Which app user read which care-team answer: the unread count per client is per user.
create table chat_message_read (
    user_id    uuid        not null references app_user,
    message_id uuid        not null references chat_message on delete cascade,
    read_at    timestamptz not null,
    primary key (user_id, message_id)
);

-- Per organisation: where new questions and escalations are e-mailed.
create table chat_settings (
    organisation_id  uuid primary key references organisation,
    team_email       text        not null,
    escalation_email text,
    updated_at       timestamptz not null
);
