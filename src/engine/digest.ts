/** SHA-256 of pixel bytes, as hex. Shared memory is copied first: WebCrypto refuses it. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const plain = bytes.buffer instanceof ArrayBuffer ? bytes : new Uint8Array(bytes);
  const hash = await crypto.subtle.digest('SHA-256', plain as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(hash)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
