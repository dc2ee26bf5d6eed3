/** Minimal typing of the parts of s3rver the simulator uses (the package ships none). */
declare module 's3rver' {
  interface S3rverOptions {
    address?: string;
    port?: number;
    silent?: boolean;
    directory?: string;
    resetOnClose?: boolean;
    allowMismatchedSignatures?: boolean;
    configureBuckets?: { name: string; configs: (string | Buffer)[] }[];
  }
  export default class S3rver {
    constructor(options: S3rverOptions);
    /** The storage backend (s3rver's FilesystemStore); controllers read it from `context.store`. */
    store: unknown;
    context: { store: unknown };
    run(): Promise<{ address: string; port: number }>;
    close(): Promise<void>;
  }
}
