using Minimax.Contracts.Specs;

namespace Minimax.Contracts.Tests;

/// <summary>Malformed YAML, degenerate roots, duplicates, nesting, size and alias attacks: always a SpecException with a place.</summary>
public sealed class RunSpecYamlErrorTests
{
    private static SpecException Fails(string yaml, params string[] overrides) =>
        Assert.Throws<SpecException>(() => RunSpecReader.Read(yaml, overrides, "/specs"));

    [Theory]
    [InlineData("")]
    [InlineData("   \n# only a comment\n")]
    [InlineData("~")]
    public void An_empty_spec_is_rejected(string yaml)
    {
        var error = Fails(yaml);

        Assert.Equal("spec: is empty", error.Message);
    }

    [Theory]
    [InlineData("- a\n- b\n", "a list")]
    [InlineData("just text", "a single value")]
    public void A_root_that_is_not_a_mapping_is_rejected(string yaml, string got)
    {
        var error = Fails(yaml);

        Assert.Equal("spec", error.Field);
        Assert.Contains(got, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unclosed_flow_list_is_invalid_yaml_with_a_line()
    {
        // YamlDotNet's scanner throws InvalidOperationException here rather than a YamlException.
        var error = Fails("name: x\ndata:\n  train: [a.csv\n  val: b\ntraining: {steps: 1}\n");

        Assert.Equal("spec", error.Field);
        Assert.Matches("^invalid YAML (at|after) line [0-9]+", error.Reason);
    }

    [Fact]
    public void A_bad_indentation_reports_the_line()
    {
        var error = Fails("name: x\ndata:\n   train: a.csv\n  val: b.csv\n");

        Assert.Equal("spec", error.Field);
        Assert.Contains("line 4", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_key_names_its_path_and_line()
    {
        var error = Fails("name: x\ntraining:\n  steps: 5\n  steps: 6\n");

        Assert.Equal("training.steps", error.Field);
        Assert.Equal("duplicate key (line 4)", error.Reason);
    }

    [Fact]
    public void A_duplicate_top_level_key_is_rejected()
    {
        var error = Fails(SpecYaml.Minimal + "\nname: again\n");

        Assert.Equal("name", error.Field);
        Assert.StartsWith("duplicate key", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_complex_key_is_rejected()
    {
        var error = Fails("? [a, b]\n: 1\n");

        Assert.Equal("spec", error.Field);
        Assert.StartsWith("keys must be plain names", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void More_than_one_document_is_rejected()
    {
        var error = Fails(SpecYaml.Minimal + "\n---\nname: second\n");

        Assert.Equal("spec: holds more than one YAML document", error.Message);
    }

    [Theory]
    [InlineData(40)]
    [InlineData(100_000)]
    public void Deep_nesting_is_rejected_without_recursing(int depth)
    {
        var yaml = "name: " + new string('[', depth) + new string(']', depth);

        var error = Fails(yaml);

        Assert.Contains("nested deeper than", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_block_nesting_names_the_path()
    {
        var lines = Enumerable.Range(0, 40).Select(i => new string(' ', 2 * i) + $"k{i}:");
        var yaml = string.Join('\n', lines) + " 1\n";

        var error = Fails(yaml);

        Assert.StartsWith("k0.k1.k2", error.Field, StringComparison.Ordinal);
        Assert.Contains("nested deeper than", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_spec_is_rejected_before_parsing()
    {
        var error = Fails("name: " + new string('x', RunSpecReader.MaxSpecLength));

        Assert.Equal("spec", error.Field);
    }

    [Fact]
    public void A_long_bad_value_is_shortened_in_the_message()
    {
        var error = Fails(SpecYaml.Issue, "training.optimizer.lr=" + new string('z', 500));

        Assert.True(error.Message.Length < 120, error.Message);
    }

    [Fact]
    public void An_undefined_alias_is_a_spec_error()
    {
        var error = Fails("name: *nowhere\n");

        Assert.Equal("spec", error.Field);
    }

    [Fact]
    public void An_invalid_path_names_the_field()
    {
        var error = Fails(SpecYaml.Minimal, "data.test=\"a\\0b.csv\"");

        Assert.Equal("data.test", error.Field);
    }

    [Fact]
    public void A_name_with_control_characters_is_rejected()
    {
        var error = Fails(SpecYaml.Minimal, "name=\"a\\tb\"");

        Assert.Equal("name", error.Field);
    }

    [Fact]
    public void Null_arguments_are_treated_as_empty_input()
    {
        var error = Assert.Throws<SpecException>(() => RunSpecReader.Read(null!, null!, null!));

        Assert.Equal("spec: is empty", error.Message);
    }

    [Theory]
    [InlineData("name: [")]
    [InlineData("{{{{")]
    [InlineData("name: x\n\tseed: 1")]
    [InlineData("%YAML 9.9\n---\nname: x")]
    [InlineData("!!binary name: x")]
    [InlineData("name: &a [*a]")]
    [InlineData("? \n: \n")]
    [InlineData("data: !custom {train: 1}")]
    [InlineData("name: x\ndata: &d {train: a, val: b, test: c, label: y, group: g, extra: *d}\ntraining: {steps: 1}")]
    [InlineData("\"\\u00")]
    [InlineData("name: x\r\n\u0000")]
    [InlineData("- - - - -")]
    [InlineData("a: b: c")]
    [InlineData("name: >\n  folded\n   more\n")]
    public void Malformed_input_only_ever_throws_a_spec_exception(string yaml)
    {
        var error = Record.Exception(() => RunSpecReader.Read(yaml, [], "/specs"));

        Assert.IsType<SpecException>(error);
    }
}
