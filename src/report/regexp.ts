/** Text to be matched literally inside a regular expression built from words of the language tables. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
