using Minimax.Silo.Security;
using Minimax.Silo.Services;

namespace Minimax.EndToEnd.Tests;

/// <summary>
/// A valid spec of one job kind for the hostile-input generator to mutate: as text (a few variants) and as
/// a tree of fields, with the field paths to aim at and those that size the work.
/// </summary>
public sealed record HostileTemplate(
    string Kind,
    Func<int, int, string> Yaml,
    Func<List<KeyValuePair<string, object?>>> Tree,
    string[] Paths,
    string[] SizePaths,
    bool Csv = false)
{
    /// <summary>The valid spec text: <paramref name="steps"/> of training (where it trains), one of its variants.</summary>
    public string Spec(int steps = 2, int variant = 0) => Yaml(steps, variant);

    public override string ToString() => Kind;
}

/// <summary>
/// The templates of every job kind, over <see cref="HostileInputSilo"/>'s data folder: the tabular dataset
/// (train and sweep), its text corpus (doremi) and its completed run (evaluation).
/// </summary>
public static class HostileTemplates
{
    /// <summary>The completed run evaluations score: the fixture trains it with this request id, so its id is known before.</summary>
    public const string EvaluatedRunRequestId = "hostile-evaluated-run";

    public static string EvaluatedRunId { get; } = SubmitValidation.IdFor("run", CallerTenant.Local, EvaluatedRunRequestId);

    public static HostileTemplate Train { get; } = new(
        "train",
        (steps, variant) => HostileInputSilo.ValidSpec(steps, objective: Pick(["group_dro", "erm", "reweighted"], variant)),
        () =>
        [
            new("name", "fuzz"),
            new("seed", "3"),
            new("data", Map(
                ("format", "csv"), ("train", "train.csv"), ("val", "val.csv"), ("test", "test.csv"),
                ("label", "y"), ("groups_by", new List<object?> { "a" }), ("features", new List<object?> { "f0", "f1", "f2" }))),
            new("model", Map(("kind", "mlp"), ("hidden", new List<object?> { "8" }))),
            new("objective", Map(("kind", "group_dro"), ("step_size", "0.1"))),
            new("training", Map(
                ("workers", "1"), ("steps", "3"), ("batch_size", "16"), ("eval_every", "2"),
                ("optimizer", Map(("kind", "sgd"), ("lr", "0.05"))))),
        ],
        [
            "name", "seed", "data", "data.format", "data.train", "data.val", "data.test", "data.label", "data.group",
            "data.groups_by", "data.features", "data.standardize", "model", "model.kind", "model.hidden", "model.activation",
            "model.dropout", "objective", "objective.kind", "objective.step_size", "objective.generalization_adjustment",
            "objective.normalize_loss", "objective.balanced_sampling", "training", "training.workers", "training.epochs",
            "training.steps", "training.batch_size", "training.optimizer", "training.optimizer.kind", "training.optimizer.lr",
            "training.optimizer.momentum", "training.optimizer.weight_decay", "training.optimizer.beta1",
            "training.optimizer.beta2", "training.optimizer.eps", "training.eval_every", "training.select_by",
            "training.optimizer.betas", "training.optimizer.no_decay", "training.lr_schedule", "training.max_grad_norm",
        ],
        ["training.workers", "training.epochs", "training.steps", "training.batch_size", "training.eval_every", "model.hidden", "seed"],
        Csv: true);

    public static HostileTemplate DoReMi { get; } = new(
        "doremi",
        (steps, variant) => $$"""
            kind: doremi
            name: hostile-base
            seed: 3
            data:
              format: text_folders
              train: corpus/train
              heldout: corpus/heldout
            model: { kind: transformer, layers: 1, heads: 2, width: 16, ff: 32, context: 16 }
            doremi:
              reference_weights: {{Pick(["uniform", "token_proportional", "{arithmetic: 1, noise: 1, repeat: 2}"], variant)}}
              step_size: 1.0
              smoothing: 0.001
              rounds: 1
              main: {{(variant % 2 == 0 ? "false" : "true")}}
            training:
              workers: 1
              steps: {{steps}}
              batch_size: 4
              eval_every: 2
              optimizer: { kind: adamw, lr: 0.003, weight_decay: 0.01, warmup: 1 }
            """,
        () =>
        [
            new("kind", "doremi"),
            new("name", "fuzz"),
            new("seed", "3"),
            new("data", Map(("format", "text_folders"), ("train", "corpus/train"), ("heldout", "corpus/heldout"))),
            new("model", Map(("kind", "transformer"), ("layers", "1"), ("heads", "2"), ("width", "16"), ("ff", "32"), ("context", "16"))),
            new("doremi", Map(("reference_weights", "uniform"), ("rounds", "1"), ("main", "false"))),
            new("training", Map(("workers", "1"), ("steps", "2"), ("batch_size", "4"), ("optimizer", Map(("kind", "adamw"), ("lr", "0.003"))))),
        ],
        [
            "kind", "name", "seed", "data", "data.format", "data.train", "data.heldout", "data.heldout_fraction", "data.text_field",
            "data.domain_field", "data.tokenizer", "data.mixture", "model", "model.kind", "model.layers", "model.heads", "model.width",
            "model.ff", "model.context", "model.dropout", "doremi", "doremi.reference_weights", "doremi.step_size", "doremi.smoothing",
            "doremi.rounds", "doremi.main", "training", "training.workers", "training.steps", "training.epochs", "training.batch_size",
            "training.optimizer", "training.optimizer.kind", "training.optimizer.lr", "training.optimizer.warmup", "training.eval_every",
            "training.select_by", "objective", "training.lr_schedule", "training.max_grad_norm",
        ],
        ["training.workers", "training.steps", "training.batch_size", "model.layers", "model.heads", "model.width", "model.ff", "model.context", "doremi.rounds"]);

    public static HostileTemplate Evaluation { get; } = new(
        "evaluation",
        (_, variant) => $$"""
            kind: evaluation
            name: hostile-base
            data: { format: csv, test: test.csv, label: y, groups_by: [a] }
            models:
              - { name: first, run: {{EvaluatedRunId}} }
              - { name: second, run: {{EvaluatedRunId}} }
            {{(variant % 2 == 0 ? "compare: { base: first, test: mcnemar, correction: holm, alpha: 0.05 }" : "common_counter: { class: y, common: [0, 3], counter: [1, 2] }")}}
            """,
        () =>
        [
            new("kind", "evaluation"),
            new("name", "fuzz"),
            new("data", Map(("format", "csv"), ("test", "test.csv"), ("label", "y"), ("groups_by", new List<object?> { "a" }))),
            new("models", new List<object?> { Map(("name", "first"), ("run", EvaluatedRunId)), Map(("name", "second"), ("run", EvaluatedRunId)) }),
            new("compare", Map(("base", "first"), ("test", "mcnemar"), ("alpha", "0.05"))),
        ],
        [
            "kind", "name", "data", "data.format", "data.test", "data.label", "data.group", "data.groups_by", "data.features", "data.id",
            "data.train", "data.val", "data.standardize", "data.heldout", "models", "compare", "compare.base", "compare.test",
            "compare.correction", "compare.alpha", "common_counter", "common_counter.class", "common_counter.common",
            "common_counter.counter", "abstention", "abstention.patterns", "training", "seed",
        ],
        ["compare.alpha", "common_counter.common", "common_counter.counter", "models"]);

    /// <summary>A sweep of two or four short trials over the train template's spec, inline, with early stopping in one variant.</summary>
    public static HostileTemplate Sweep { get; } = new(
        "sweep",
        (steps, variant) => $$"""
            kind: sweep
            name: hostile-base
            base:
            {{string.Join('\n', HostileInputSilo.ValidSpec(steps).Split('\n').Select(line => "  " + line))}}
            grid:
              {{Pick(["seed: [0, 1]", "training.optimizer.lr: [0.05, 0.01]\n  seed: [0, 1]", "objective.kind: [erm, group_dro]"], variant)}}
            parallel: 2
            {{(variant % 2 == 0 ? "" : "early_stop: { grace_steps: 2, reduction: 2 }")}}
            """,
        () =>
        [
            new("kind", "sweep"),
            new("name", "fuzz"),
            new("base", Map([.. Train.Tree().Select(field => (field.Key, field.Value))])),
            new("grid", Map(("seed", new List<object?> { "0", "1" }), ("training.optimizer.lr", new List<object?> { "0.05" }))),
            new("select", Map(("metric", "val_worst_group_accuracy"), ("over", "seed"))),
            new("parallel", "2"),
        ],
        [
            "kind", "name", "base", "base.name", "base.data", "base.data.train", "base.model.hidden", "base.objective.kind",
            "base.training", "base.training.steps", "base.training.workers", "grid", "grid.seed", "grid.training.optimizer.lr",
            "select", "select.metric", "select.over", "parallel", "early_stop", "early_stop.grace_steps", "early_stop.reduction",
        ],
        ["parallel", "grid.seed", "base.training.steps", "base.training.workers", "early_stop.grace_steps", "early_stop.reduction"]);

    public static IReadOnlyList<HostileTemplate> All { get; } = [Train, DoReMi, Evaluation, Sweep];

    private static List<KeyValuePair<string, object?>> Map(params (string Key, object? Value)[] fields) =>
        fields.Select(field => new KeyValuePair<string, object?>(field.Key, field.Value)).ToList();

    private static string Pick(string[] options, int variant) => options[variant % options.Length];
}
