using System.Text;

namespace Minimax.Cli.Data;

/// <summary>
/// Writes a small multi-domain text corpus as DIR/train/&lt;domain&gt;/part-0.txt and
/// DIR/heldout/&lt;domain&gt;/part-0.txt, with domains of very different learnability
/// (<see cref="DomainTexts"/>). Every file has exactly the requested size. Deterministic for a
/// seed; each domain and split has its own random stream, so changing one size changes nothing else.
/// </summary>
internal static class DomainCorpusGenerator
{
    public static IReadOnlyList<DomainSummary> Write(string directory, DomainCorpusOptions options)
    {
        var summaries = new List<DomainSummary>();
        for (var d = 0; d < DomainTexts.Names.Count; d++)
        {
            var domain = DomainTexts.Names[d];
            var train = Text(domain, d, split: 1, options.TrainKib * 1024, options.Seed);
            var heldout = Text(domain, d, split: 2, options.HeldoutKib * 1024, options.Seed);
            var trainPath = WriteFile(directory, "train", domain, train);
            var heldoutPath = WriteFile(directory, "heldout", domain, heldout);
            summaries.Add(new DomainSummary(domain, trainPath, train.Length, heldoutPath, heldout.Length, GzipRatio.Of(train)));
        }

        return summaries;
    }

    private static byte[] Text(string domain, int domainIndex, int split, int bytes, int seed)
    {
        // Stream 0 is shared by both splits (the Markov chain's transitions).
        var fixedRandom = new Random(StreamSeed(seed, domainIndex, 0));
        var random = new Random(StreamSeed(seed, domainIndex, split));
        return Encoding.ASCII.GetBytes(DomainTexts.Generate(domain, fixedRandom, random, bytes));
    }

    private static int StreamSeed(int seed, int domainIndex, int stream) =>
        unchecked((((seed * 1_000_003) + domainIndex) * 31) + stream);

    private static string WriteFile(string directory, string split, string domain, byte[] bytes)
    {
        var folder = Path.Combine(directory, split, domain);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "part-0.txt");
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
