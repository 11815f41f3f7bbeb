package nl.clientapp.dossier;

/** One part of a report, for example the "S" of a SOAP report. */
public record ReportSectionView(String code, String title, String text) {
}
