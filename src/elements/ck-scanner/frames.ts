/** Camera-frame hand-off for <ck-scanner> (no element state). */

/**
 * The current video frame as something the decode worker can take without a main-thread
 * read-back: a `VideoFrame` (a reference to the camera buffer) where WebCodecs exists, else an
 * ImageBitmap. Null when the video has no frame (stopped, switching).
 */
export async function grabFrame(video: HTMLVideoElement): Promise<VideoFrame | ImageBitmap | null> {
  if (typeof VideoFrame === 'function') {
    try {
      return new VideoFrame(video);
    } catch {
      // Some engines refuse a video element source (or this frame): fall through to a bitmap.
    }
  }
  try {
    return await createImageBitmap(video);
  } catch {
    return null;
  }
}
