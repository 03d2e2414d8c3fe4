using System.Diagnostics;
using System.Text;
using Minimax.Contracts.Specs;

namespace Minimax.Contracts.Tests;

/// <summary>
/// Specs near the 1 MiB limit with tens of thousands of names (issue 9, item 5): they validate, and in
/// linear time. The ceiling is a regression guard, not a performance claim: the quadratic checks took
/// 27 s (80k features) and 37 s (80k mixture keys) where these take well under a second.
/// </summary>
public sealed class LargeSpecTests
{
    private const int Names = 80_000;
    // Generous: a 2-core machine shared by many builds took 3 to 7 s here, the quadratic code 100 s there.
    private static readonly TimeSpan Ceiling = TimeSpan.FromSeconds(10);

    [Fact]
    public void Eighty_thousand_features_validate_within_the_ceiling()
    {
        var yaml = SpecYaml.Minimal.Replace("  groups_by: [a]\n", $"  groups_by: [a]\n  features: [{NameList("f", Names)}]\n");

        var (spec, elapsed) = Timed(() => RunSpecReader.Read(yaml, [], "/specs"));

        Assert.Equal(Names, spec.Data.Features.Count);
        Assert.True(elapsed < Ceiling, $"{Names} features took {elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public void Forty_thousand_attribute_columns_and_forty_thousand_features_validate_within_the_ceiling()
    {
        var yaml = SpecYaml.Minimal.Replace("  groups_by: [a]\n", $"  groups_by: [{NameList("a", Names / 2)}]\n  features: [{NameList("f", Names / 2)}]\n");

        var (spec, elapsed) = Timed(() => RunSpecReader.Read(yaml, [], "/specs"));

        Assert.Equal(Names / 2, spec.Data.GroupsBy.Count);
        Assert.True(elapsed < Ceiling, $"{Names / 2} + {Names / 2} columns took {elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public void A_feature_listed_twice_among_eighty_thousand_is_named()
    {
        var yaml = SpecYaml.Minimal.Replace("  groups_by: [a]\n", $"  groups_by: [a]\n  features: [{NameList("f", Names)}, f77]\n");

        var error = Assert.Throws<SpecException>(() => RunSpecReader.Read(yaml, [], "/specs"));

        Assert.Equal($"data.features[{Names}]", error.Field);
        Assert.Equal("'f77' is listed twice", error.Reason);
    }

    [Fact]
    public void Eighty_thousand_mixture_keys_validate_within_the_ceiling()
    {
        var yaml = $$"""
            name: wide-mixture
            data:
              format: text_folders
              train: corpus/train
              mixture: {{{WeightMap(Names)}}}
            model: { kind: transformer, layers: 1, heads: 2, width: 32, ff: 64, context: 16 }
            training:
              steps: 10
            """;

        var (spec, elapsed) = Timed(() => RunSpecReader.Read(yaml, [], "/specs"));

        Assert.Equal(Names, spec.Data.Mixture.Weights.Count);
        Assert.True(elapsed < Ceiling, $"{Names} mixture keys took {elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public void Eighty_thousand_reference_weights_validate_within_the_ceiling()
    {
        var yaml = $$"""
            kind: doremi
            name: wide-doremi
            data:
              format: jsonl
              train: pile/train.jsonl
            doremi:
              reference_weights: {{{WeightMap(Names)}}}
            training:
              steps: 10
            """;

        var (spec, elapsed) = Timed(() => MixtureSpecReader.Read(yaml, [], "/specs"));

        Assert.Equal(Names, spec.DoReMi.ReferenceWeights.Weights.Count);
        Assert.True(elapsed < Ceiling, $"{Names} reference weights took {elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public void Resolving_eighty_thousand_domain_weights_is_linear()
    {
        var domains = Enumerable.Range(0, Names).Select(i => $"d{i}").ToArray();
        var weights = DomainWeightsSpec.Explicit(domains.ToDictionary(d => d, _ => 1.0, StringComparer.Ordinal));

        var (resolved, elapsed) = Timed(() => weights.Resolve(domains, new long[Names], "data.mixture"));

        Assert.Equal(1.0 / Names, resolved[^1], 12);
        Assert.True(elapsed < Ceiling, $"resolving {Names} domains took {elapsed.TotalSeconds:F1} s");
    }

    private static string NameList(string prefix, int count) =>
        string.Join(", ", Enumerable.Range(0, count).Select(i => $"{prefix}{i}"));

    private static string WeightMap(int count)
    {
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            text.Append(i == 0 ? "" : ", ").Append('d').Append(i).Append(": 1");
        }

        return text.ToString();
    }

    // A small spec first, so that loading and compiling the readers is not counted.
    private static (T Result, TimeSpan Elapsed) Timed<T>(Func<T> read)
    {
        RunSpecReader.Read(SpecYaml.Minimal, [], "/specs");
        var clock = Stopwatch.StartNew();
        var result = read();
        return (result, clock.Elapsed);
    }
}
