using Minimax.Contracts.Specs;

namespace Minimax.Contracts.Tests;

/// <summary>Each bad field of a run spec is named, with the reason and, for a typo, the closest known field.</summary>
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
}
