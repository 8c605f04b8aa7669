// Vite turns an import with `?url` into the built asset's URL (a same-origin path).
declare module '*?url' {
  const url: string;
  export default url;
}
