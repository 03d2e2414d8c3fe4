using Minimax.Contracts.Specs;

namespace Minimax.Contracts.Tests;

public sealed class RunSpecReaderErrorTests
{
    private static SpecException Fails(string yaml, params string[] overrides) =>
        Assert.Throws<SpecException>(() => RunSpecReader.Read(yaml, overrides, "/specs"));

    [Theory]
    [InlineData("training.optimizer.lr=abc", "training.optimizer.lr", "expected a number, got 'abc'")]
    [InlineData("training.optimizer.lr=0", "training.optimizer.lr", "must be greater than 0")]
    [InlineData("training.optimizer.lr=-0.1", "training.optimizer.lr", "must be greater than 0")]
    [InlineData("training.optimizer.lr=.nan", "training.optimizer.lr", "must be a finite number, got '.nan'")]
    [InlineData("training.optimizer.lr=NaN", "training.optimizer.lr", "must be a finite number")]
    [InlineData("training.optimizer.lr=.inf", "training.optimizer.lr", "must be a finite number")]
    [InlineData("training.optimizer.lr=1e999", "training.optimizer.lr", "must be a finite number")]
    [InlineData("training.optimizer.lr='0.1'", "training.optimizer.lr", "expected a number, got the quoted string '0.1'")]
    [InlineData("training.optimizer.lr=[0.1]", "training.optimizer.lr", "expected a number, got a list")]
    [InlineData("training.optimizer.lr={a: 1}", "training.optimizer.lr", "expected a number, got a mapping")]
    [InlineData("training.optimizer.momentum=1", "training.optimizer.momentum", "must be at least 0 and less than 1")]
    [InlineData("training.optimizer.weight_decay=-1", "training.optimizer.weight_decay", "must be at least 0")]
    [InlineData("training.optimizer.beta2=1.5", "training.optimizer.beta2", "less than 1")]
    [InlineData("training.optimizer.eps=0", "training.optimizer.eps", "must be greater than 0")]
    [InlineData("training.optimizer.kind=adam", "training.optimizer.kind", "must be one of sgd, adamw")]
    [InlineData("training.workers=0", "training.workers", "must be between 1 and 64")]
    [InlineData("training.workers=65", "training.workers", "must be between 1 and 64")]
    [InlineData("training.workers=2.5", "training.workers", "expected an integer, got '2.5'")]
    [InlineData("training.workers=99999999999999999999999", "training.workers", "must be between 1 and 64")]
    [InlineData("training.batch_size=0", "training.batch_size", "must be between 1 and 1048576")]
    [InlineData("training.batch_size=-5", "training.batch_size", "must be between 1 and 1048576")]
    [InlineData("training.batch_size=4294967296", "training.batch_size", "must be between 1 and 1048576")]
    [InlineData("training.epochs=0", "training.epochs", "must be between 1 and 100000")]
    [InlineData("training.eval_every=0", "training.eval_every", "must be at least 1")]
    [InlineData("training.select_by=best", "training.select_by", "must be one of val_worst_group_accuracy, val_average_accuracy, final")]
    [InlineData("training.steps=100", "training.steps", "not both")]
    [InlineData("training.epochs=null", "training.epochs", "set training.epochs or training.steps")]
    [InlineData("training.optimizer=sgd", "training.optimizer", "expected a mapping, got 'sgd'")]
    [InlineData("seed=-1", "seed", "must be at least 0")]
    [InlineData("seed=zero", "seed", "expected an integer, got 'zero'")]
    [InlineData("name=", "name", "is required")]
    [InlineData("name='  '", "name", "must not be empty")]
    [InlineData("objective.kind=dro", "objective.kind", "must be one of erm, reweighted, group_dro")]
    [InlineData("objective.step_size=-0.01", "objective.step_size", "must be at least 0")]
    [InlineData("objective.generalization_adjustment=[]", "objective.generalization_adjustment", "one number per group")]
    [InlineData("objective.generalization_adjustment=[1, x]", "objective.generalization_adjustment[1]", "expected a number, got 'x'")]
    [InlineData("objective.generalization_adjustment=-1", "objective.generalization_adjustment", "must be at least 0")]
    [InlineData("objective.normalize_loss=yes", "objective.normalize_loss", "expected true or false, got 'yes'")]
    [InlineData("objective.balanced_sampling=1", "objective.balanced_sampling", "expected true or false")]
    [InlineData("model.kind=cnn", "model.kind", "must be one of mlp")]
    [InlineData("model.activation=sigmoid", "model.activation", "must be one of relu, tanh, gelu")]
    [InlineData("model.dropout=1", "model.dropout", "must be at least 0 and less than 1")]
    [InlineData("model.dropout=-0.1", "model.dropout", "must be at least 0 and less than 1")]
    [InlineData("model.hidden=[64, 0]", "model.hidden[1]", "must be between 1 and 65536")]
    [InlineData("model.hidden=[64, [1]]", "model.hidden[1]", "expected an integer, got a list")]
    [InlineData("model.hidden={a: 1}", "model.hidden", "expected a list, got a mapping")]
    [InlineData("data.format=json", "data.format", "must be one of csv, parquet")]
    [InlineData("data.train=", "data.train", "is required")]
    [InlineData("data.train=[a.csv]", "data.train", "expected a string, got a list")]
    [InlineData("data.label=null", "data.label", "is required")]
    [InlineData("data.group=null", "data.group", "set data.group")]
    [InlineData("data.groups_by=[a]", "data.groups_by", "not both")]
    [InlineData("data.group=y", "data.group", "'y' is the label column")]
    [InlineData("data.features=[x1, y]", "data.features", "'y' is the label or a group column")]
    [InlineData("data.features=[x1, x1]", "data.features[1]", "'x1' is listed twice")]
    [InlineData("data.standardize=maybe", "data.standardize", "expected true or false")]
    [InlineData("data.trian=x.csv", "data.trian", "unknown field")]
    [InlineData("trainig.steps=5", "trainig", "unknown field")]
    [InlineData("model.hidden.width=3", "model.hidden", "is not a mapping")]
    public void Each_bad_field_is_named_with_the_reason(string assignment, string field, string reason)
    {
        var error = Fails(SpecYaml.Issue, assignment);

        Assert.Equal(field, error.Field);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        Assert.Equal($"{error.Field}: {error.Reason}", error.Message);
    }

    [Fact]
    public void The_lr_example_from_the_brief_reads_exactly()
    {
        var error = Fails(SpecYaml.Issue, "training.optimizer.lr=abc");

        Assert.Equal("training.optimizer.lr: expected a number, got 'abc'", error.Message);
    }

    [Fact]
    public void An_unknown_field_suggests_the_closest_known_one()
    {
        var error = Fails(SpecYaml.Issue.Replace("  val: data/val.csv", "  vla: data/val.csv", StringComparison.Ordinal));

        Assert.Equal("data.vla", error.Field);
        Assert.StartsWith("unknown field", error.Reason, StringComparison.Ordinal);
        Assert.Contains("'val'", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_field_far_from_every_known_one_has_no_suggestion()
    {
        var error = Fails(SpecYaml.Minimal + "\nfavourite_colour: blue\n");

        Assert.Equal("favourite_colour", error.Field);
        Assert.Equal("unknown field", error.Reason);
    }

    [Theory]
    [InlineData("data.train")]
    [InlineData("data.val")]
    [InlineData("data.test")]
    [InlineData("data.label")]
    public void Each_required_data_field_is_named_when_missing(string field)
    {
        var key = field["data.".Length..];
        var yaml = string.Join('\n', SpecYaml.Minimal.Split('\n').Where(line => !line.TrimStart().StartsWith(key + ":", StringComparison.Ordinal)));

        var error = Fails(yaml);

        Assert.Equal(field, error.Field);
        Assert.Equal("is required", error.Reason);
    }

    [Theory]
    [InlineData("name")]
    [InlineData("data")]
    [InlineData("training")]
    public void Each_required_section_is_named_when_missing(string field)
    {
        var error = Fails(SpecYaml.Minimal, $"{field}=null");

        Assert.Equal(field, error.Field);
        Assert.Equal("is required", error.Reason);
    }

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
