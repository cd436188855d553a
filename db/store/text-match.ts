/**
 * A typed word as the store's searches look for it: taken as it is, never as a pattern. Every
 * search that finds a word inside a text builds its match from these two.
 */

/** An FTS5 query for the word as one phrase (its own quotes doubled), never FTS5 syntax. */
export const ftsPhrase = (text: string): string => `"${text.replace(/"/g, '""')}"`;

/** A LIKE pattern for a text holding the word anywhere, its % _ and \ escaped (ESCAPE '\', PostgreSQL's default). */
export const likeContaining = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
