using System.Globalization;
using System.Text;

namespace Minimax.Cli.Data;

/// <summary>
/// The text of each synthetic domain, from easiest to learn to hardest: <c>repeat</c> (one phrase
/// over and over), <c>prose</c> (template sentences from small word lists), <c>markov</c> (a fixed
/// order-2 chain with peaked transitions), <c>arithmetic</c> (sums of two numbers below 100; the
/// operands are random, the result is determined) and <c>noise</c> (uniform printable ASCII,
/// unlearnable). All text is ASCII, so characters are bytes.
/// </summary>
internal static class DomainTexts
{
    /// <summary>Domain names in ordinal order, the order the platform indexes domains in.</summary>
    public static readonly IReadOnlyList<string> Names = ["arithmetic", "markov", "noise", "prose", "repeat"];

    public const int LineLength = 64;

    private const string RepeatedPhrase = "the quick brown fox jumps over the lazy dog.\n";

    private const string MarkovAlphabet = "abcdefghijklmnopqrs ";

    private static readonly string[] Adjectives = ["small", "red", "quiet", "old", "bright", "cold", "happy", "heavy", "green", "slow"];
    private static readonly string[] Nouns = ["cat", "river", "teacher", "garden", "machine", "bird", "city", "child", "window", "song"];
    private static readonly string[] Verbs = ["sees", "follows", "finds", "likes", "builds", "watches", "opens", "carries", "hears", "paints"];
    private static readonly string[] Places = ["the hill", "the market", "the station", "the lake", "the forest", "the school"];

    /// <summary>
    /// A generator of <paramref name="bytes"/> characters of one domain. <paramref name="fixedRandom"/>
    /// draws what must be shared by train and held-out text (the Markov chain); <paramref name="random"/>
    /// draws the text itself.
    /// </summary>
    public static string Generate(string domain, Random fixedRandom, Random random, int bytes)
    {
        var text = new StringBuilder(bytes + LineLength);
        Action<StringBuilder> appendLine = domain switch
        {
            "arithmetic" => line => Arithmetic(line, random),
            "markov" => MarkovLines(fixedRandom, random),
            "noise" => line => Noise(line, random),
            "prose" => line => Prose(line, random),
            "repeat" => line => line.Append(RepeatedPhrase),
            _ => throw new ArgumentOutOfRangeException(nameof(domain), domain, "not a synthetic domain"),
        };
        while (text.Length < bytes)
        {
            appendLine(text);
        }

        text.Length = bytes;
        return text.ToString();
    }

    private static void Arithmetic(StringBuilder text, Random random)
    {
        var a = random.Next(100);
        var b = random.Next(100);
        text.Append(CultureInfo.InvariantCulture, $"{a}+{b}={a + b}\n");
    }

    private static void Noise(StringBuilder text, Random random)
    {
        for (var i = 0; i < LineLength - 1; i++)
        {
            text.Append((char)random.Next(32, 127));
        }

        text.Append('\n');
    }

    private static void Prose(StringBuilder text, Random random)
    {
        string Pick(string[] words) => words[random.Next(words.Length)];
        var sentence = random.Next(3) switch
        {
            0 => $"the {Pick(Adjectives)} {Pick(Nouns)} {Pick(Verbs)} the {Pick(Adjectives)} {Pick(Nouns)}.",
            1 => $"a {Pick(Nouns)} {Pick(Verbs)} a {Pick(Nouns)} near {Pick(Places)}.",
            _ => $"every {Pick(Adjectives)} {Pick(Nouns)} {Pick(Verbs)} {Pick(Places)}.",
        };
        text.Append(sentence).Append('\n');
    }

    /// <summary>
    /// An order-2 chain over <see cref="MarkovAlphabet"/>: for each pair of previous symbols, the
    /// successors in a random order get probabilities proportional to 2^-rank (entropy about 2 bits).
    /// </summary>
    private static Action<StringBuilder> MarkovLines(Random fixedRandom, Random random)
    {
        var k = MarkovAlphabet.Length;
        var successors = new int[k * k][];
        for (var state = 0; state < successors.Length; state++)
        {
            successors[state] = Enumerable.Range(0, k).ToArray();
            fixedRandom.Shuffle(successors[state]);
        }

        var (previous, current) = (random.Next(k), random.Next(k));
        return text =>
        {
            for (var i = 0; i < LineLength - 1; i++)
            {
                var next = successors[(previous * k) + current][GeometricRank(random, k)];
                text.Append(MarkovAlphabet[next]);
                (previous, current) = (current, next);
            }

            text.Append('\n');
        };
    }

    // P(rank r) = 2^-(r+1) for r < k - 1, the remainder on the last rank.
    private static int GeometricRank(Random random, int k)
    {
        var rank = 0;
        while (rank < k - 1 && random.Next(2) == 1)
        {
            rank++;
        }

        return rank;
    }
}
