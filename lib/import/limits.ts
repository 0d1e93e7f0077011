// What one row of a file may be, whatever its format.
export const MAX_COLUMNS = 1000;
export const MAX_CELL_BYTES = 1024 * 1024;
