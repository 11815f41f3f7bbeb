package nl.clientapp.dossier;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** Reads the client's documents, newest first, and the content of one document. */
@ApplicationScoped
@Transactional
public class DocumentService {

    /** The bytes of a document with what the dossier states about them. */
    public record DocumentContent(String title, String contentType, byte[] content) {
    }

    @Inject
    SqlReader sql;

    public Page<DocumentView> documents(UUID clientId, KeysetCursor after, int limit) {
        StringBuilder query = new StringBuilder("""
                select id, title, category, content_type, size_bytes, created_at
                  from document
                 where client_id = ?""");
        List<Object> parameters = new ArrayList<>(List.of(clientId));
        ReportService.appendPage(query, parameters, "created_at", after, limit);

        List<DocumentView> rows = sql.list(query.toString(), DocumentService::document, parameters.toArray());
        return Page.of(rows, limit, document -> new KeysetCursor(document.createdAt(), document.id()));
    }

    /**
     * Reads a document's content, or nothing when the document is not the client's or has no content.
     *
     * <p>NOTE: the content is read into memory whole, so a response costs as much heap as the
     * document is large. The importer's upload limit bounds one document, and {@link DownloadSlots}
     * the number held at once. Streaming is not possible with
     * the {@code bytea} column: PostgreSQL sends the whole value in one row message and pgjdbc
     * buffers it before {@code getBytes} or {@code getBinaryStream} returns. Streaming would need
     * large objects or chunked {@code substring} reads, which means a schema change or one statement per chunk.
     */
    public Optional<DocumentContent> content(UUID clientId, UUID documentId) {
        return sql.list("""
                select d.title, d.content_type, c.content
                  from document d
                  join document_content c on c.document_id = d.id
                 where d.client_id = ? and d.id = ?""",
                row -> new DocumentContent(row.getString("title"), row.getString("content_type"), row.getBytes("content")),
                clientId, documentId).stream().findFirst();
    }

    private static DocumentView document(ResultSet row) throws SQLException {
        return new DocumentView(
                row.getObject("id", UUID.class),
                row.getString("title"),
                row.getString("category"),
                row.getString("content_type"),
                row.getLong("size_bytes"),
                SqlReader.instant(row, "created_at"));
    }
}
