using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;
using Minimax.Engine.Objectives;
using Minimax.Engine.Sampling;
using Minimax.Grains.Training;
using Minimax.Grains.Training.Objectives;

namespace Minimax.Grains.Tests;

/// <summary>The rule side of the objective table and the statistics it sends over the wire (no cluster).</summary>
public sealed class ObjectiveRegistryTests
{
    private static readonly ShardInfo Tabular = new(0, 4, [0, 1, 2, 3], 4, 2, 3, [40, 10, 10, 40], 100, "");

    [Fact]
    public void Every_objective_kind_has_one_registration()
    {
        Assert.Equal(Enum.GetValues<ObjectiveKind>(), ObjectiveRegistry.All.Select(objective => objective.Kind));
        Assert.All(Enum.GetValues<ObjectiveKind>(), kind => Assert.Equal(kind, ObjectiveRegistry.For(kind).Kind));
    }

    [Fact]
    public void Group_dro_with_btl_gets_the_greedy_rule_and_without_it_the_q_update()
    {
        var groupDro = ObjectiveRegistry.For(ObjectiveKind.GroupDro);

        Assert.IsType<GroupDroRule>(groupDro.CreateRule(new ObjectiveSpec { Kind = ObjectiveKind.GroupDro }, Tabular));
        var greedy = groupDro.CreateRule(new ObjectiveSpec { Kind = ObjectiveKind.GroupDro, Btl = true, Alpha = 0.2, Gamma = 0.5 }, Tabular);
        Assert.IsType<GreedyBtlRule>(greedy);
        // The spec's alpha reaches the rule: fractions [0.4, 0.1, 0.1, 0.4], group 1 first (0.1/0.2), then group 2 the rest.
        greedy.LossCoefficients([1.0, 3.0, 2.0, 0.5], [1, 1, 1, 1]);
        Assert.Equal([0.0, 0.5, 0.5, 0.0], greedy.Weights);
        var error = Assert.Throws<ArgumentException>(() =>
            groupDro.CreateRule(new ObjectiveSpec { Kind = ObjectiveKind.GroupDro, Btl = true, GeneralizationAdjustment = [1, 2] }, Tabular));
        Assert.StartsWith("objective.generalization_adjustment:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_doremi_reads_extra_statistics_and_a_reference_model()
    {
        foreach (var objective in ObjectiveRegistry.All)
        {
            var doremi = objective.Kind == ObjectiveKind.DoReMi;
            Assert.Equal(doremi, objective.UsesReferenceModel);
            Assert.Equal(doremi ? [StatisticNames.ClippedExcess] : [], objective.ExtraStatistics);
        }
    }

    [Theory]
    [InlineData(ObjectiveKind.Erm, false, SamplingMode.Shuffle)]
    [InlineData(ObjectiveKind.Erm, true, SamplingMode.InverseGroupFrequency)]
    [InlineData(ObjectiveKind.GroupDro, true, SamplingMode.InverseGroupFrequency)]
    [InlineData(ObjectiveKind.Reweighted, false, SamplingMode.InverseGroupFrequency)]
    public void Tabular_sampling_is_the_objectives(ObjectiveKind kind, bool balanced, SamplingMode expected)
    {
        var objective = new ObjectiveSpec { Kind = kind, BalancedSampling = balanced };

        Assert.Equal(expected, ObjectiveRegistry.For(kind).TabularSampling(objective));
    }

    [Fact]
    public void The_doremi_proxy_draws_domains_uniformly_and_other_objectives_the_spec_mixture()
    {
        var tabular = TestData.Spec("/corpus", ObjectiveKind.Erm, workers: 1, steps: 1);
        var spec = tabular with { Data = tabular.Data with { Format = DataFormat.TextFolders, Mixture = DomainWeightsSpec.TokenProportional } };

        Assert.Equal(DomainWeightsKind.TokenProportional, ObjectiveRegistry.For(ObjectiveKind.Erm).TextMixture(spec).Kind);
        Assert.Equal(DomainWeightsKind.Uniform, ObjectiveRegistry.For(ObjectiveKind.DoReMi).TextMixture(spec).Kind);
    }

    [Fact]
    public void Extra_statistics_travel_in_order_and_merge_like_one_batch()
    {
        string[] names = [StatisticNames.ClippedExcess, "second"];
        var a = new BatchStatistics([1.0, 2.0], [2, 1], new Dictionary<string, double[]> { [names[0]] = [0.5, 0.0], [names[1]] = [3.0, 4.0] });
        var b = new BatchStatistics([0.25, 1.0], [1, 3], new Dictionary<string, double[]> { [names[0]] = [0.25, 2.0], [names[1]] = [1.0, 1.0] });

        var wire = StatisticsWire.Pack(a, names);
        Assert.Equal([0.5, 0.0, 3.0, 4.0], wire.ExcessSums!);
        var merged = StatisticsWire.Merge([wire, StatisticsWire.Pack(b, names)], 2, names);

        Assert.Equal([1.25, 3.0], merged.LossSums);
        Assert.Equal([3L, 4L], merged.Counts);
        Assert.Equal([0.75, 2.0], merged.Extra(names[0]));
        Assert.Equal([4.0, 5.0], merged.Extra(names[1]));
        // One statistic occupies the slot alone, as DoReMi's excess always has; none leaves it empty.
        Assert.Equal([0.5, 0.0], StatisticsWire.Pack(a, [names[0]]).ExcessSums!);
        Assert.Null(StatisticsWire.Pack(a, []).ExcessSums);
        Assert.Throws<InvalidOperationException>(() => StatisticsWire.Merge([StatisticsWire.Pack(a, [names[0]])], 2, names));
    }
}
