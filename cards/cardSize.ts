/** Our bar for one card (Teams itself takes about 100 KB per message). PLATFORM.md "Card size". */
export const maxCardBytes = 28 * 1024;
