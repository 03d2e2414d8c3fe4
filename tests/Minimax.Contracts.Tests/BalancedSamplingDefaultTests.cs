using Minimax.Contracts.Specs;

namespace Minimax.Contracts.Tests;

/// <summary>objective.balanced_sampling: true by default for group_dro (the reference --reweight_groups), false for the other kinds.</summary>
public sealed class BalancedSamplingDefaultTests
{
    private const string SpecDirectory = "/specs";

    private static ObjectiveSpec Objective(string objective, params string[] overrides) => RunSpecReader.Read($$"""
        name: sampling
        data: { train: a.csv, val: b.csv, test: c.csv, label: y, group: g }
        objective: {{objective}}
        training: { steps: 10 }
        """, overrides, SpecDirectory).Objective;

    [Theory]
    [InlineData("erm", false)]
    [InlineData("reweighted", false)]
    [InlineData("group_dro", true)]
    public void The_default_follows_the_kind(string kind, bool balanced)
    {
        Assert.Equal(balanced, Objective($"{{ kind: {kind} }}").BalancedSampling);
    }

    [Fact]
    public void A_spec_without_an_objective_is_erm_with_plain_shuffling()
    {
        var spec = RunSpecReader.Read(SpecYaml.Minimal, [], SpecDirectory);

        Assert.Equal(ObjectiveKind.Erm, spec.Objective.Kind);
        Assert.False(spec.Objective.BalancedSampling);
    }

    [Fact]
    public void False_stays_available_for_group_dro_and_true_for_the_others()
    {
        Assert.False(Objective("{ kind: group_dro, balanced_sampling: false }").BalancedSampling);
        Assert.True(Objective("{ kind: erm, balanced_sampling: true }").BalancedSampling);
    }

    [Fact]
    public void The_default_follows_a_kind_set_on_the_command_line()
    {
        Assert.False(Objective("{ kind: group_dro }", "objective.kind=erm").BalancedSampling);
        Assert.True(Objective("{ kind: erm }", "objective.kind=group_dro").BalancedSampling);
        Assert.False(Objective("{ kind: erm }", "objective.kind=group_dro", "objective.balanced_sampling=false").BalancedSampling);
    }
}
