// The running header of a printed report: the book, the report's title and its date atop every
// page, beside the page numbers of the print stylesheet. A constructed style sheet, because the
// page's Content-Security-Policy allows no inline style (and CSS cannot read the text from the page).

/** Puts `text` atop every printed page until the returned function removes it. */
export function pageHeader(text: string): () => void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(`@page { @top-left { content: ${JSON.stringify(text)}; font-size: 9pt; color: #444; } }`);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  return () => {
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
  };
}
