/** Where bench/peers-build.ts puts the peer libraries, from the site's root, and where bench/peers.ts loads them from. */
export const VIPS_MODULE = '/peers/vips/vips-es6.js';
export const OPENCV_SCRIPT = '/peers/opencv/opencv.js';
/** The peers' bench page, as built beside the harness. */
export const PEERS_PAGE = '/bench/peers.html';
