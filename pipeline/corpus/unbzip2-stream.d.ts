/** The package ships no types: a through-stream that decompresses bzip2. */
declare module 'unbzip2-stream' {
  export default function unbzip2(): NodeJS.ReadWriteStream;
}
