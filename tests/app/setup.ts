// IndexedDB for unit tests of the browser store only; end-to-end tests use Chromium's real one.
import 'fake-indexeddb/auto';
