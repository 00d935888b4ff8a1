/** A file-system error in the words a diagnostic uses ("no such file", not "ENOENT: ..."). */
const REASONS: Readonly<Record<string, string>> = {
  ENOENT: "no such file or folder",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EISDIR: "it is a folder",
  ENOTDIR: "a part of the path is not a folder",
  EMFILE: "too many open files",
  EROFS: "the file system is read-only",
  ENOSPC: "no space left on the device",
  EEXIST: "a file of that name is in the way",
};

export function describeIoError(error: unknown): string {
  const code = typeof error === "object" && error !== null && "code" in error ? String((error as { code: unknown }).code) : "";
  return REASONS[code] ?? (error instanceof Error ? error.message.replace(/\.$/, "") : String(error));
}
