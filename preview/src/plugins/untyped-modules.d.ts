// Shared modules the host hands to plugins without using them itself; their types are not needed.
declare module 'd3';
declare module 'prismjs';
declare module 'react-router-dom';
declare module 'slate';
declare module 'slate-plain-serializer';
declare module 'slate-react';
