/**
 * A small RFC 4180 CSV parser (quoted fields, doubled quotes, newlines inside quotes, CRLF). Written here
 * rather than through SheetJS because SheetJS turns CSV text into numbers and dates (`2010-06-15` would come
 * back reformatted), while a form's cells must stay exactly as typed. Each record comes with the line it
 * starts on (`row`, as a sheet's rows).
 */
export function parseCsv(text: string, delimiter = ','): { row: number; cells: string[] }[] {
  const rows: { row: number; cells: string[] }[] = [];
  // The 1-based line each record starts on, for messages: a quoted cell may span several lines.
  let line = 1;
  let start = 1;
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push({ row: start, cells: row });
      start = ++line;
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push({ row: start, cells: row });
  }
  return rows;
}

/**
 * `;` when the header line has semicolons and no comma: what Excel writes as "CSV" where the decimal mark is
 * a comma (French, Portuguese…), which is how many attachments reach us. Otherwise `,`.
 */
export function sniffDelimiter(text: string): ',' | ';' {
  const header = text.slice(0, text.search(/\r|\n|$/));
  return !header.includes(',') && header.includes(';') ? ';' : ',';
}
