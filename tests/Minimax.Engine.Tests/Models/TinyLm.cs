using Minimax.Engine.Models;
using Minimax.Engine.Randomness;
using Minimax.Engine.Text;

namespace Minimax.Engine.Tests.Models;

/// <summary>Tiny language-model shapes and token windows that keep the tests fast on two cores.</summary>
internal static class TinyLm
{
    public const int Vocabulary = 13;

    public const int Context = 8;

    public static TransformerOptions Options(double dropout = 0) =>
        new(Vocabulary, Context, Layers: 2, Heads: 2, Width: 16, Ff: 32, dropout);

    public static TransformerLm Create(ulong seed, double dropout = 0)
    {
        var model = new TransformerLm(Options(dropout));
        ParameterVector.Initialize(model, seed);
        return model;
    }

    /// <summary>Random windows, domain = window index mod <paramref name="domains"/>.</summary>
    public static TokenWindows RandomWindows(int count, int domains, ulong seed)
    {
        var rng = new SplitMix64(seed);
        var tokens = new long[count * (Context + 1)];
        for (var i = 0; i < tokens.Length; i++)
        {
            tokens[i] = rng.NextInt(Vocabulary);
        }

        return new TokenWindows(Context, tokens, Enumerable.Range(0, count).Select(i => i % domains).ToArray());
    }

    /// <summary>Windows cut from the periodic sequence 0, 1, …, period − 1, 0, 1, …, all of domain 0.</summary>
    public static TokenWindows PeriodicWindows(int count, int period)
    {
        var tokens = new long[count * (Context + 1)];
        for (var w = 0; w < count; w++)
        {
            for (var t = 0; t <= Context; t++)
            {
                tokens[w * (Context + 1) + t] = (w + t) % period;
            }
        }

        return new TokenWindows(Context, tokens, new int[count]);
    }
}
