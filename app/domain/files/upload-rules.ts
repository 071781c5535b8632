// Attachment limits and messages shared by the browser (checked before upload)
// and the server (checked again on the bytes).
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const FILE_TYPE_MESSAGE = "Filen er ikke en PDF-, Word- (DOCX) eller Excel-fil (XLSX).";
export const FILE_SIZE_MESSAGE = "Filen er for stor. Hver fil må højst fylde 10 MB.";
export const NO_FILE_MESSAGE = "Vælg en fil, der skal vedhæftes.";
export const PDF_ONLY_MESSAGE = "Filen er ikke en PDF-fil. Revisorerklæringen skal uploades som PDF.";
