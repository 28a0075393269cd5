// class-transformer keeps the `@Type` metadata in a module its package root does not export; its types are shipped
// under types/ (read by limits.ts to follow nested DTOs).
declare module 'class-transformer/cjs/storage' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage';
}
