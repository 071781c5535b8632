// A zip (XLSX) is checked before any parser inflates it: a 494 KB need-index file
// once unpacked to gigabytes and held the event loop for 26 s. yauzl reads the central
// directory (entry count, declared sizes) without inflating, and then every entry is
// inflated once into nothing with yauzl's size check on, so an entry that lies about
// its size fails at the declared size instead of filling memory.
import yauzl from "yauzl";

export type ZipLimits = { maxEntries: number; maxUncompressedBytes: number };
export type ZipCheck = { ok: true } | { ok: false; reason: "not-zip" | "too-many-entries" | "too-large" };

function open(buffer: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (err, zip) =>
      err || !zip ? reject(err ?? new Error("no zip")) : resolve(zip),
    ),
  );
}

function drain(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<void> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) return reject(err ?? new Error("no stream"));
      stream.on("error", reject);
      stream.on("end", () => resolve());
      stream.resume();
    });
  });
}

export async function checkZip(bytes: Uint8Array, limits: ZipLimits): Promise<ZipCheck> {
  let zip: yauzl.ZipFile;
  try {
    zip = await open(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch {
    return { ok: false, reason: "not-zip" };
  }
  try {
    if (zip.entryCount > limits.maxEntries) return { ok: false, reason: "too-many-entries" };
    const entries: yauzl.Entry[] = [];
    let declared = 0;
    await new Promise<void>((resolve, reject) => {
      zip.on("entry", (entry: yauzl.Entry) => {
        entries.push(entry);
        declared += entry.uncompressedSize;
        zip.readEntry();
      });
      zip.on("end", resolve);
      zip.on("error", reject);
      zip.readEntry();
    });
    if (declared > limits.maxUncompressedBytes) return { ok: false, reason: "too-large" };
    for (const entry of entries) {
      if (entry.fileName.endsWith("/")) continue;
      try {
        await drain(zip, entry);
      } catch {
        // yauzl stops an entry that inflates past its declared size (or is corrupt).
        return { ok: false, reason: "too-large" };
      }
    }
    return { ok: true };
  } catch {
    return { ok: false, reason: "not-zip" };
  } finally {
    zip.close();
  }
}
