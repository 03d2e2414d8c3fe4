using Minimax.Contracts.Specs;

namespace Minimax.Contracts.Tests;

/// <summary>The objective fields of the registered sections: Group DRO's greedy variant and loss EMA, and the general rules.</summary>
public sealed class ObjectiveSectionTests
{
    private const string SpecDirectory = "/specs";

    private static RunSpec Read(params string[] overrides) => RunSpecReader.Read(SpecYaml.Issue, overrides, SpecDirectory);

    private static SpecException Fails(params string[] overrides) => Assert.Throws<SpecException>(() => Read(overrides));

    [Fact]
    public void The_greedy_variant_takes_the_reference_defaults()
    {
        var plain = Read();
        Assert.False(plain.Objective.Btl);
        Assert.Equal(0.2, plain.Objective.Alpha);
        Assert.Equal(0.1, plain.Objective.Gamma);

        var greedy = Read("objective.btl=true");
        Assert.True(greedy.Objective.Btl);
        Assert.Equal(0.2, greedy.Objective.Alpha);
        Assert.Equal(0.1, greedy.Objective.Gamma);
    }

    [Fact]
    public void Btl_alpha_and_gamma_are_read()
    {
        const string yaml = """
            name: greedy
            data: { train: a.csv, val: b.csv, test: c.csv, label: y, group: g }
            objective: { kind: group_dro, btl: true, alpha: 0.25, gamma: 1, generalization_adjustment: [0, 2, 2, 2] }
            training: { steps: 10 }
            """;

        var objective = RunSpecReader.Read(yaml, [], SpecDirectory).Objective;

        Assert.Equal(ObjectiveKind.GroupDro, objective.Kind);
        Assert.True(objective.Btl);
        Assert.Equal(0.25, objective.Alpha);
        Assert.Equal(1.0, objective.Gamma);
        Assert.Equal([0, 2, 2, 2], objective.GeneralizationAdjustment);
    }

    [Theory]
    [InlineData("objective.alpha=0", "objective.alpha", "must be greater than 0 and at most 1")]
    [InlineData("objective.alpha=1.01", "objective.alpha", "must be greater than 0 and at most 1")]
    [InlineData("objective.alpha='0.2'", "objective.alpha", "expected a number, got the quoted string '0.2'")]
    [InlineData("objective.gamma=0", "objective.gamma", "must be greater than 0 and at most 1")]
    [InlineData("objective.gamma=-0.1", "objective.gamma", "must be greater than 0 and at most 1")]
    [InlineData("objective.gamma=.nan", "objective.gamma", "must be a finite number")]
    [InlineData("objective.btl=yes", "objective.btl", "expected true or false, got 'yes'")]
    public void Bad_values_name_the_field(string assignment, string field, string reason)
    {
        var error = Fails("objective.btl=true", assignment);

        Assert.Equal(field, error.Field);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("objective.alpha=0.3")]
    [InlineData("objective.gamma=0.5")]
    public void Group_dro_takes_alpha_and_gamma_only_with_btl(string assignment)
    {
        var error = Fails(assignment);

        Assert.Equal(assignment[..assignment.IndexOf('=')], error.Field);
        Assert.Equal("is used only by the greedy variant: set objective.btl: true, or leave it out", error.Reason);
        Assert.True(Read(assignment, "objective.btl=true").Objective.Btl);
    }

    [Fact]
    public void The_greedy_variant_does_not_normalise_losses()
    {
        var error = Fails("objective.btl=true", "objective.normalize_loss=true");

        Assert.Equal("objective.normalize_loss", error.Field);
        Assert.Contains("btl: true", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("erm")]
    [InlineData("reweighted")]
    public void Group_dro_fields_are_checked_and_ignored_with_other_kinds(string kind)
    {
        var spec = Read($"objective.kind={kind}", "objective.alpha=0.3", "objective.gamma=0.5", "objective.normalize_loss=true", "objective.btl=true");

        Assert.Equal(0.3, spec.Objective.Alpha);
        Assert.Equal(0.5, spec.Objective.Gamma);
        Assert.Equal("objective.gamma", Fails($"objective.kind={kind}", "objective.gamma=2").Field);
    }

    [Theory]
    [InlineData("objective.smoothing=0.01", "objective.smoothing")]
    [InlineData("objective.reference_run=r1", "objective.reference_run")]
    [InlineData("reference={run: r1}", "reference")]
    public void Fields_only_a_mixture_sets_are_unknown_in_a_run_spec(string assignment, string field)
    {
        var error = Fails(assignment);

        Assert.Equal(field, error.Field);
        Assert.StartsWith("unknown field", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Doremi_stays_refused_with_its_message()
    {
        var error = Fails("objective.kind=doremi");

        Assert.Equal("objective.kind", error.Field);
        Assert.Equal("doremi trains the proxy stage of a mixture job; submit a kind: doremi spec", error.Reason);
    }

    [Fact]
    public void A_typo_in_a_new_field_suggests_it()
    {
        Assert.Equal("unknown field (did you mean 'gamma'?)", Fails("objective.gama=0.1").Reason);
    }

    [Fact]
    public void Every_objective_kind_has_a_spec_name()
    {
        Assert.Equal(["erm", "reweighted", "group_dro", "doremi"], SpecNames.ObjectiveKinds.Select(pair => pair.Key));
        Assert.Equal(Enum.GetValues<ObjectiveKind>(), SpecNames.ObjectiveKinds.Select(pair => pair.Value));
    }
}
