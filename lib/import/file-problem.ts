/** The file as a whole cannot be imported: the message says why and, where it can, on which line. */
export class FileProblem extends Error {}
