/**
 * Version of the parsers, stored with every report. Raise it when a change to the grammar, the
 * lexicon or a source's parser can change what a stored document parses to.
 */
export const PARSER_VERSION = '1';
