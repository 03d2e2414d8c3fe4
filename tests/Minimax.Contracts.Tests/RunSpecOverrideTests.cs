using Minimax.Contracts.Specs;

namespace Minimax.Contracts.Tests;

public sealed class RunSpecOverrideTests
{
    private static RunSpec Read(params string[] overrides) => RunSpecReader.Read(SpecYaml.Issue, overrides, "/specs");

    [Fact]
    public void An_override_replaces_a_nested_value()
    {
        var spec = Read("training.optimizer.weight_decay=0.1");

        Assert.Equal(0.1, spec.Training.Optimizer.WeightDecay);
        Assert.Equal(0.9, spec.Training.Optimizer.Momentum);
    }

    [Fact]
    public void An_override_value_is_parsed_as_a_flow_node()
    {
        var spec = Read("model.hidden=[64,64]", "training.optimizer={kind: adamw, lr: 0.001}");

        Assert.Equal([64, 64], spec.Model.Hidden);
        Assert.Equal(OptimizerKind.AdamW, spec.Training.Optimizer.Kind);
        Assert.Equal(0.001, spec.Training.Optimizer.Lr);
        Assert.Equal(0.0, spec.Training.Optimizer.WeightDecay);
    }

    [Fact]
    public void Overrides_apply_in_order()
    {
        var spec = Read("seed=1", "seed=2");

        Assert.Equal(2, spec.Seed);
    }

    [Fact]
    public void An_override_creates_missing_mappings()
    {
        var spec = RunSpecReader.Read(SpecYaml.Minimal, ["model.dropout=0.5", "training.optimizer.momentum=0.5"], "/specs");

        Assert.Equal(0.5, spec.Model.Dropout);
        Assert.Equal(0.5, spec.Training.Optimizer.Momentum);
    }

    [Fact]
    public void A_null_override_clears_a_field_so_another_can_replace_it()
    {
        var spec = Read("training.epochs=null", "training.steps=500");

        Assert.Null(spec.Training.Epochs);
        Assert.Equal(500, spec.Training.Steps);
    }

    [Fact]
    public void Override_values_may_contain_equals_signs_and_spaces()
    {
        var spec = Read("name=a=b c", "data.label= label ");

        Assert.Equal("a=b c", spec.Name);
        Assert.Equal("label", spec.Data.Label);
    }

    [Fact]
    public void Relative_paths_set_by_override_resolve_against_the_spec_directory()
    {
        var spec = Read("data.train=other/train.csv");

        Assert.Equal(Path.GetFullPath("/specs/other/train.csv"), spec.Data.Train);
    }

    [Fact]
    public void An_override_can_switch_the_group_definition()
    {
        var spec = Read("data.group=null", "data.groups_by=[a, b]");

        Assert.Null(spec.Data.Group);
        Assert.Equal(["a", "b"], spec.Data.GroupsBy);
    }

    [Theory]
    [InlineData("foo")]
    [InlineData("=5")]
    [InlineData("")]
    [InlineData("  =x")]
    public void An_assignment_without_a_path_is_rejected(string assignment)
    {
        var error = Assert.Throws<SpecException>(() => Read(assignment));

        Assert.Equal("--set", error.Field);
        Assert.Equal($"'{assignment}' is not path=value", error.Reason);
    }

    [Fact]
    public void The_foo_example_from_the_brief_reads_exactly()
    {
        var error = Assert.Throws<SpecException>(() => Read("foo"));

        Assert.Equal("--set: 'foo' is not path=value", error.Message);
    }

    [Theory]
    [InlineData("training..lr=1")]
    [InlineData(".seed=1")]
    [InlineData("seed.=1")]
    [InlineData("model.hidden[0]=3")]
    [InlineData("a b=1")]
    public void A_malformed_path_is_rejected(string assignment)
    {
        var error = Assert.Throws<SpecException>(() => Read(assignment));

        Assert.Equal("--set", error.Field);
        Assert.Contains("is not a dotted field path", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_override_value_with_bad_yaml_names_the_path()
    {
        var error = Assert.Throws<SpecException>(() => Read("model.hidden=[64,"));

        Assert.Equal("model.hidden", error.Field);
        Assert.StartsWith("invalid YAML", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_override_value_with_a_duplicate_key_names_the_full_path()
    {
        var error = Assert.Throws<SpecException>(() => Read("training.optimizer={lr: 1, lr: 2}"));

        Assert.Equal("training.optimizer.lr", error.Field);
        Assert.StartsWith("duplicate key", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_override_value_is_type_checked_like_the_file()
    {
        var error = Assert.Throws<SpecException>(() => Read("training.workers=two"));

        Assert.Equal("training.workers: expected an integer, got 'two'", error.Message);
    }

    [Fact]
    public void An_override_into_a_scalar_names_the_scalar()
    {
        var error = Assert.Throws<SpecException>(() => Read("name.first=x"));

        Assert.Equal("name", error.Field);
    }

    [Fact]
    public void An_unknown_path_is_reported_by_binding()
    {
        var error = Assert.Throws<SpecException>(() => Read("training.optimizer.learning_rate=0.1"));

        Assert.Equal("training.optimizer.learning_rate", error.Field);
        Assert.StartsWith("unknown field", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Deeply_nested_override_values_are_rejected()
    {
        var error = Assert.Throws<SpecException>(() => Read("model.hidden=" + new string('[', 5000)));

        Assert.StartsWith("model.hidden", error.Field, StringComparison.Ordinal);
    }
}
