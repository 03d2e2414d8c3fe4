using System.Text;
using Minimax.Cli.Data;

namespace Minimax.Client.Tests;

public sealed class DomainCorpusGeneratorTests : IDisposable
{
    private static readonly DomainCorpusOptions Small = new() { TrainKib = 16, HeldoutKib = 4 };

    private static readonly string[] Domains = ["arithmetic", "markov", "noise", "prose", "repeat"];

    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    private string FileOf(string root, string split, string domain) => Path.Combine(root, split, domain, "part-0.txt");

    [Fact]
    public void The_layout_is_split_domain_part_zero_with_exact_sizes()
    {
        var summaries = DomainCorpusGenerator.Write(_folder.Path, Small);

        Assert.Equal(Domains, summaries.Select(s => s.Domain));
        Assert.Equal(Domains, Directory.GetDirectories(_folder.Combine("train")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(Domains, Directory.GetDirectories(_folder.Combine("heldout")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(["heldout", "train"], Directory.GetFileSystemEntries(_folder.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var summary in summaries)
        {
            Assert.Equal(FileOf(_folder.Path, "train", summary.Domain), summary.TrainPath);
            Assert.Equal(FileOf(_folder.Path, "heldout", summary.Domain), summary.HeldoutPath);
            Assert.Equal(16 * 1024, new FileInfo(summary.TrainPath).Length);
            Assert.Equal(4 * 1024, new FileInfo(summary.HeldoutPath).Length);
            Assert.Equal((16 * 1024, 4 * 1024), (summary.TrainBytes, summary.HeldoutBytes));
            Assert.Single(Directory.GetFiles(Path.GetDirectoryName(summary.TrainPath)!));
        }
    }

    [Fact]
    public void The_same_seed_writes_identical_files_and_another_seed_different_ones()
    {
        using var again = new TempDirectory();
        using var other = new TempDirectory();
        DomainCorpusGenerator.Write(_folder.Path, Small with { Seed = 5 });
        DomainCorpusGenerator.Write(again.Path, Small with { Seed = 5 });
        DomainCorpusGenerator.Write(other.Path, Small with { Seed = 6 });

        foreach (var split in new[] { "train", "heldout" })
        {
            foreach (var domain in Domains)
            {
                var bytes = File.ReadAllBytes(FileOf(_folder.Path, split, domain));
                Assert.Equal(bytes, File.ReadAllBytes(FileOf(again.Path, split, domain)));
                var differs = !bytes.AsSpan().SequenceEqual(File.ReadAllBytes(FileOf(other.Path, split, domain)));
                // One phrase over and over does not depend on the seed.
                Assert.Equal(domain != "repeat", differs);
            }
        }
    }

    [Fact]
    public void Train_and_heldout_differ_and_the_train_size_does_not_change_heldout()
    {
        using var bigger = new TempDirectory();
        DomainCorpusGenerator.Write(_folder.Path, Small);
        DomainCorpusGenerator.Write(bigger.Path, Small with { TrainKib = 32 });

        foreach (var domain in Domains.Where(d => d != "repeat"))
        {
            var train = File.ReadAllBytes(FileOf(_folder.Path, "train", domain));
            var heldout = File.ReadAllBytes(FileOf(_folder.Path, "heldout", domain));
            Assert.False(train.AsSpan(0, heldout.Length).SequenceEqual(heldout), $"{domain}: heldout repeats train");
            Assert.Equal(heldout, File.ReadAllBytes(FileOf(bigger.Path, "heldout", domain)));
            Assert.Equal(train, File.ReadAllBytes(FileOf(bigger.Path, "train", domain))[..train.Length]);
        }
    }

    [Fact]
    public void All_text_is_printable_ascii_lines()
    {
        DomainCorpusGenerator.Write(_folder.Path, Small);

        foreach (var domain in Domains)
        {
            var bytes = File.ReadAllBytes(FileOf(_folder.Path, "train", domain));
            Assert.All(bytes, b => Assert.True(b == '\n' || b is >= 32 and <= 126, $"{domain}: byte {b}"));
            Assert.Contains((byte)'\n', bytes);
            // Valid UTF-8, as the corpus reader decodes it.
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
    }

    [Fact]
    public void Domains_have_the_intended_shapes()
    {
        DomainCorpusGenerator.Write(_folder.Path, Small);
        string[] Lines(string domain) => File.ReadAllText(FileOf(_folder.Path, "train", domain)).Split('\n')[..^1];

        Assert.All(Lines("arithmetic"), line =>
        {
            var parts = line.Split('+', '=');
            Assert.Equal(3, parts.Length);
            var (a, b, sum) = (int.Parse(parts[0]), int.Parse(parts[1]), int.Parse(parts[2]));
            Assert.InRange(a, 0, 99);
            Assert.InRange(b, 0, 99);
            Assert.Equal(a + b, sum);
        });
        Assert.All(Lines("repeat"), line => Assert.Equal("the quick brown fox jumps over the lazy dog.", line));
        Assert.All(Lines("prose"), line => Assert.EndsWith(".", line));
        Assert.All(Lines("markov"), line => Assert.Matches("^[a-s ]{63}$", line));
        Assert.All(Lines("noise"), line => Assert.Equal(63, line.Length));
        Assert.True(Lines("noise").SelectMany(l => l).Distinct().Count() > 90, "noise uses nearly all 95 printable characters");
    }

    [Fact]
    public void Gzip_ratios_order_the_domains_by_learnability()
    {
        var ratios = DomainCorpusGenerator.Write(_folder.Path, new DomainCorpusOptions()).ToDictionary(s => s.Domain, s => s.TrainGzipRatio);

        // Uniform printable bytes carry log2(95) = 6.57 of 8 bits; gzip cannot do better than 0.82.
        Assert.InRange(ratios["noise"], 0.80, 0.90);
        Assert.InRange(ratios["repeat"], 0, 0.02);
        foreach (var domain in new[] { "arithmetic", "markov", "prose" })
        {
            Assert.InRange(ratios[domain], 0.1, 0.6);
            Assert.True(ratios[domain] > ratios["repeat"] * 5, $"{domain} {ratios[domain]:F3} vs repeat {ratios["repeat"]:F3}");
            Assert.True(ratios[domain] < ratios["noise"] - 0.2, $"{domain} {ratios[domain]:F3} vs noise {ratios["noise"]:F3}");
        }
    }

    [Fact]
    public void Markov_transitions_are_peaked_and_the_same_in_train_and_heldout()
    {
        DomainCorpusGenerator.Write(_folder.Path, Small with { HeldoutKib = 16 });

        var train = TopSuccessorShare(File.ReadAllText(FileOf(_folder.Path, "train", "markov")), out var trainTop);
        var heldout = TopSuccessorShare(File.ReadAllText(FileOf(_folder.Path, "heldout", "markov")), out var heldoutTop);

        // The most likely successor has probability 1/2 (uniform would be 1/20).
        Assert.InRange(train, 0.45, 0.55);
        Assert.InRange(heldout, 0.45, 0.55);
        var shared = trainTop.Keys.Intersect(heldoutTop.Keys).ToList();
        var agree = shared.Count(state => trainTop[state] == heldoutTop[state]);
        Assert.True(agree > 0.8 * shared.Count, $"top successors agree in {agree} of {shared.Count} states");
    }

    /// <summary>The share of order-2 transitions that go to each state's most frequent successor.</summary>
    private static double TopSuccessorShare(string text, out Dictionary<string, char> top)
    {
        var symbols = text.Replace("\n", "", StringComparison.Ordinal);
        var counts = new Dictionary<string, Dictionary<char, int>>();
        for (var i = 2; i < symbols.Length; i++)
        {
            var state = symbols.Substring(i - 2, 2);
            if (!counts.TryGetValue(state, out var next))
            {
                counts[state] = next = [];
            }

            next[symbols[i]] = next.GetValueOrDefault(symbols[i]) + 1;
        }

        var frequent = counts.Where(c => c.Value.Values.Sum() >= 20).ToList();
        top = frequent.ToDictionary(c => c.Key, c => c.Value.MaxBy(p => p.Value).Key);
        return (double)frequent.Sum(c => c.Value.Values.Max()) / frequent.Sum(c => c.Value.Values.Sum());
    }

    [Theory]
    [InlineData(0, 8, "--train-kib: must be between 1 and 65536")]
    [InlineData(64, 0, "--heldout-kib: must be between 1 and 65536")]
    [InlineData(65537, 8, "--train-kib: must be between 1 and 65536")]
    public void Sizes_out_of_range_are_named(int train, int heldout, string problem) =>
        Assert.Equal(problem, new DomainCorpusOptions { TrainKib = train, HeldoutKib = heldout }.Validate());
}
