// The part of s3rver (devDependency, the cluster run's local S3) this script uses; the package ships no types.
declare module "s3rver" {
  export default class S3rver {
    constructor(options: { port: number; address?: string; directory: string; silent?: boolean; configureBuckets?: { name: string }[] });
    run(): Promise<unknown>;
    close(): Promise<void>;
  }
}
