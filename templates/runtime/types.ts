/** An untyped JSON value, as carried by `document` shapes and `jsonvalue` members. */
export type DocumentType = null | boolean | number | string | DocumentType[] | { [key: string]: DocumentType };

/** What a blob input accepts: bytes, or a string sent as its UTF-8 bytes. */
export type BlobInput = Uint8Array | string;
