// S3-compatible object storage (AWS S3, MinIO, R2...) for production: one private bucket, one prefix per
// area. Objects are written with server-side encryption and are never public; the app streams downloads
// itself after its tenant/role checks, so no presigned bucket URL is ever handed out.
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  type ListObjectsV2CommandOutput,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from "@aws-sdk/client-s3";
import { assertStorageKey, isStorageKey, type ObjectStorage, type StorageArea } from "./storage";

export interface S3Settings {
  bucket: string;
  region: string;
  endpoint?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
}

/** `clean/3f2a…`: the object key of a storage key in an area. */
export function objectKey(area: StorageArea, key: string): string {
  assertStorageKey(key);
  return `${area}/${key}`;
}

export function s3ClientConfig(s: S3Settings): S3ClientConfig {
  return {
    region: s.region,
    endpoint: s.endpoint,
    forcePathStyle: s.forcePathStyle,
    // Without explicit keys the SDK's default chain applies (instance role, env, profile).
    credentials: s.accessKeyId && s.secretAccessKey ? { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey } : undefined,
  };
}

function isNotFound(e: unknown): boolean {
  const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
  return err?.name === "NoSuchKey" || err?.name === "NotFound" || err?.$metadata?.httpStatusCode === 404;
}

export function createS3Storage(settings: S3Settings, client: Pick<S3Client, "send"> = new S3Client(s3ClientConfig(settings))): ObjectStorage {
  const Bucket = settings.bucket;
  return {
    kind: "s3",
    async put(area, key, data) {
      await client.send(
        new PutObjectCommand({ Bucket, Key: objectKey(area, key), Body: data, ContentType: "application/octet-stream", ServerSideEncryption: "AES256" }),
      );
    },
    async get(area, key) {
      try {
        const out = await client.send(new GetObjectCommand({ Bucket, Key: objectKey(area, key) }));
        if (!out.Body) return null;
        return Buffer.from(await out.Body.transformToByteArray());
      } catch (e) {
        if (isNotFound(e)) return null;
        throw e;
      }
    },
    async exists(area, key) {
      try {
        await client.send(new HeadObjectCommand({ Bucket, Key: objectKey(area, key) }));
        return true;
      } catch (e) {
        if (isNotFound(e)) return false;
        throw e;
      }
    },
    async move(from, to, key) {
      await client.send(
        new CopyObjectCommand({ Bucket, Key: objectKey(to, key), CopySource: `${Bucket}/${objectKey(from, key)}`, ServerSideEncryption: "AES256" }),
      );
      await client.send(new DeleteObjectCommand({ Bucket, Key: objectKey(from, key) }));
    },
    async delete(area, key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: objectKey(area, key) }));
    },
    async *list(area) {
      let ContinuationToken: string | undefined;
      do {
        const page = (await client.send(new ListObjectsV2Command({ Bucket, Prefix: `${area}/`, ContinuationToken }))) as ListObjectsV2CommandOutput;
        for (const o of page.Contents ?? []) {
          const key = o.Key?.slice(area.length + 1);
          // Only objects the app wrote under its own key scheme; anything else in the bucket is not ours.
          if (key && isStorageKey(key)) yield key;
        }
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken);
    },
  };
}
