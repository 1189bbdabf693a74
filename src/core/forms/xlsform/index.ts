/** XLSForm → FormDefinition, pure (no Node APIs): see convert.ts. Reading files is the server's job. */
export { convertXlsForm } from './convert';
export { frenchMessage, issueMessage, localizeIssue } from './issueText';
export {
  formatIssue,
  type AttachmentContent,
  type ConvertOptions,
  type ConvertResult,
  type DuplicateHeader,
  type SheetName,
  type SheetRow,
  type XlsFormIssue,
  type XlsFormSheets,
} from './types';
