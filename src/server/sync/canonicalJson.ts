// Lives in the core since the export file's checksum needs the same serialization in the browser.
export { canonicalJson } from '../../core/sync/canonicalJson';
