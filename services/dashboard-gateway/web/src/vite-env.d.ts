/** CSS imported for its side effect (Vite bundles it into a file). */
declare module '*.css';
