import { useCallback } from 'react';
import type { MediaRef } from '../../core/forms/answersSchema';
import { putMediaMakingRoom } from '../repositories/media';
import { useSignedIn } from './useSignedIn';

/** Stores the bytes of a file answer on the device, under the SHA-256 its MediaRef names. */
export function useMediaSave() {
  const { db } = useSignedIn();
  return useCallback((ref: MediaRef, blob: Blob) => putMediaMakingRoom(db, ref, blob), [db]);
}
