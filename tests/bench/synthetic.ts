/** A deterministic ~2 MB article for browser benchmarks: varied sentences with figures, in paragraphs. */
export function syntheticArticle(bytes = 2 * 1024 * 1024): { text: string; lastParagraph: string } {
  const subjects = ['The agency', 'Investigators', 'The port authority', 'Prosecutors', 'A spokesperson', 'The council'];
  const verbs = ['reported', 'confirmed', 'estimated', 'disputed', 'published', 'revised'];
  const objects = ['arrests', 'seizures of cash', 'tonnes of cargo', 'licences', 'container inspections', 'complaints'];
  let seed = 7;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const paragraphs: string[] = ['A synthetic benchmark source'];
  let size = paragraphs[0]!.length;
  let n = 0;
  while (size < bytes) {
    const sentences: string[] = [];
    for (let s = 0; s < 5; s++) {
      sentences.push(`${subjects[rand(6)]} ${verbs[rand(6)]} ${100 + rand(9000)} ${objects[rand(6)]} in district ${n}-${s} on ${1 + rand(28)} March.`);
    }
    const paragraph = sentences.join(' ');
    paragraphs.push(paragraph);
    size += paragraph.length + 2;
    n++;
  }
  return { text: paragraphs.join('\n\n'), lastParagraph: paragraphs.at(-1)! };
}
