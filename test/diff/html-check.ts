// A small well-formedness check for the report pages: every tag closes in order, attributes are
// quoted, and text holds no bare '<' or '>' (all escaped).
const VOID = new Set(["meta", "br", "hr", "img", "input", "link"]);

/** Problems found in `html`; an empty list means well-formed. */
export function htmlProblems(html: string): string[] {
  const problems: string[] = [];
  const body = html.replace(/^<!doctype html>\s*/i, "");
  const stack: string[] = [];
  const tag = /<(\/?)([a-zA-Z][\w-]*)((?:\s+[\w:-]+="[^"<>]*")*)\s*(\/?)>/g;
  let last = 0;
  for (const match of body.matchAll(tag)) {
    const text = body.slice(last, match.index);
    if (/[<>]/.test(text)) problems.push(`bare '<' or '>' or a malformed tag before offset ${match.index}: ${JSON.stringify(text.slice(0, 60))}`);
    last = match.index + match[0].length;
    const [, closing, name, , selfClosing] = match;
    if (closing) {
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> closes <${open ?? "nothing"}>`);
    } else if (!selfClosing && !VOID.has(name.toLowerCase())) {
      stack.push(name);
    }
  }
  if (/[<>]/.test(body.slice(last))) problems.push("bare '<' or '>' at the end");
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(", ")}`);
  return problems;
}
