using System.Text;

namespace Minimax.Testing;

/// <summary>
/// A tiny three-domain text corpus for tests (train/&lt;domain&gt;/part-0.txt and heldout/...):
/// <c>noise</c> (uniform random printable characters: unlearnable), <c>repeat</c> (one phrase over and
/// over: learnt at once) and <c>arithmetic</c> (sums like "37+48=85": learnable, but slowly).
/// </summary>
public static class DomainCorpus
{
    public static readonly string[] Domains = ["arithmetic", "noise", "repeat"];

    /// <summary>Writes the corpus under <paramref name="root"/>.</summary>
    public static void Write(string root, int trainChars = 8_000, int heldoutChars = 2_000, int seed = 1)
    {
        var random = new Random(seed);
        foreach (var (split, chars) in new[] { ("train", trainChars), ("heldout", heldoutChars) })
        {
            foreach (var domain in Domains)
            {
                var folder = Directory.CreateDirectory(Path.Combine(root, split, domain)).FullName;
                File.WriteAllText(Path.Combine(folder, "part-0.txt"), Text(domain, chars, random));
            }
        }
    }

    /// <summary>A kind: doremi spec over a corpus written by <see cref="Write"/>; small enough for seconds of CPU.</summary>
    public static string MixtureYaml(string root, int steps, int workers = 2, bool main = true) => $"""
        kind: doremi
        name: test-mixture
        seed: 0
        data:
          format: text_folders
          train: {Path.Combine(root, "train")}
          heldout: {Path.Combine(root, "heldout")}
        model: {"{"} kind: transformer, layers: 1, heads: 2, width: 32, ff: 64, context: 32 {"}"}
        doremi:
          main: {(main ? "true" : "false")}
        training:
          workers: {workers}
          steps: {steps}
          batch_size: 12
          eval_every: 10
          optimizer: {"{"} kind: adamw, lr: 0.003, weight_decay: 0.01, warmup: 5 {"}"}
        """;

    private static string Text(string domain, int chars, Random random)
    {
        var text = new StringBuilder(chars + 16);
        while (text.Length < chars)
        {
            switch (domain)
            {
                case "noise":
                    text.Append((char)random.Next(32, 127));
                    break;
                case "repeat":
                    text.Append("the cat sat on the mat. ");
                    break;
                default:
                    var a = random.Next(10, 100);
                    var b = random.Next(10, 100);
                    text.Append(a).Append('+').Append(b).Append('=').Append(a + b).Append('\n');
                    break;
            }
        }
        return text.ToString(0, chars);
    }
}
