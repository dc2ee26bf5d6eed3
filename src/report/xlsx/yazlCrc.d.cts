/** yazl's copy of buffer-crc32 (see yazlCrc.cjs). */
declare const crc: { unsigned(buffer: Buffer | string, previous?: number): number };
export = crc;
