using Minimax.Contracts.Specs;

namespace Minimax.Contracts.Tests;

/// <summary>training.max_grad_norm, training.lr_schedule, training.optimizer.betas and training.optimizer.no_decay.</summary>
public sealed class TrainingRecipeSpecTests
{
    private static TrainingSpec Training(params string[] overrides) =>
        RunSpecReader.Read(SpecYaml.Minimal, overrides, "/specs").Training;

    private static SpecException Fails(params string[] overrides) =>
        Assert.Throws<SpecException>(() => RunSpecReader.Read(SpecYaml.Minimal, overrides, "/specs"));

    [Fact]
    public void Without_the_fields_the_run_trains_as_before()
    {
        var training = Training();

        Assert.Null(training.MaxGradNorm);
        Assert.Equal(new LrScheduleSpec { Kind = LrScheduleKind.Constant }, training.LrSchedule);
        Assert.Equal(0.9, training.Optimizer.Beta1);
        Assert.Equal(0.999, training.Optimizer.Beta2);
        Assert.Equal(1e-8, training.Optimizer.Eps);
        Assert.Equal(NoDecayMode.Auto, training.Optimizer.NoDecay);
    }

    [Fact]
    public void The_doremi_reference_recipe_reads_in_the_mapping_form()
    {
        var yaml = SpecYaml.Minimal.Replace("  steps: 100", """
              steps: 100
              max_grad_norm: 1.0
              lr_schedule: { kind: exponential, final_fraction: 0.1 }
              optimizer: { kind: adamw, lr: 0.001, betas: [0.9, 0.99], eps: 1e-6, weight_decay: 0.01, warmup: 6, no_decay: true }
            """.TrimEnd(), StringComparison.Ordinal);

        var training = RunSpecReader.Read(yaml, [], "/specs").Training;

        Assert.Equal(1.0, training.MaxGradNorm);
        Assert.Equal(new LrScheduleSpec { Kind = LrScheduleKind.Exponential, FinalFraction = 0.1 }, training.LrSchedule);
        Assert.Equal(
            new OptimizerSpec { Kind = OptimizerKind.AdamW, Lr = 0.001, Beta1 = 0.9, Beta2 = 0.99, Eps = 1e-6, WeightDecay = 0.01, Warmup = 6, NoDecay = NoDecayMode.On },
            training.Optimizer);
    }

    [Theory]
    [InlineData("constant", LrScheduleKind.Constant)]
    [InlineData("linear", LrScheduleKind.Linear)]
    [InlineData("cosine", LrScheduleKind.Cosine)]
    [InlineData("exponential", LrScheduleKind.Exponential)]
    public void A_scalar_schedule_names_the_kind_with_the_default_final_fraction(string name, LrScheduleKind kind) =>
        Assert.Equal(new LrScheduleSpec { Kind = kind, FinalFraction = 0.1 }, Training($"training.lr_schedule={name}").LrSchedule);

    [Theory]
    [InlineData("0", 0.0)]
    [InlineData("0.25", 0.25)]
    [InlineData("1", 1.0)]
    public void The_final_fraction_may_be_anywhere_in_zero_to_one(string value, double expected) =>
        Assert.Equal(expected, Training("training.lr_schedule.kind=linear", $"training.lr_schedule.final_fraction={value}").LrSchedule.FinalFraction);

    [Fact]
    public void A_final_fraction_is_accepted_and_ignored_by_a_constant_schedule() =>
        Assert.Equal(LrScheduleKind.Constant, Training("training.lr_schedule={kind: constant, final_fraction: 0.5}").LrSchedule.Kind);

    [Theory]
    [InlineData("auto", NoDecayMode.Auto)]
    [InlineData("true", NoDecayMode.On)]
    [InlineData("false", NoDecayMode.Off)]
    public void No_decay_is_auto_true_or_false(string value, NoDecayMode mode) =>
        Assert.Equal(mode, Training($"training.optimizer.no_decay={value}").Optimizer.NoDecay);

    [Theory]
    [InlineData(ModelKind.Mlp, NoDecayMode.Auto, false)]
    [InlineData(ModelKind.Transformer, NoDecayMode.Auto, true)]
    [InlineData(ModelKind.Mlp, NoDecayMode.On, true)]
    [InlineData(ModelKind.Transformer, NoDecayMode.Off, false)]
    public void Auto_spares_biases_and_norms_in_transformers_only(ModelKind model, NoDecayMode mode, bool spared) =>
        Assert.Equal(spared, new OptimizerSpec { NoDecay = mode }.SparesBiasesAndNorms(model));

    [Fact]
    public void Betas_as_a_list_set_both_betas()
    {
        var optimizer = Training("training.optimizer.betas=[0.8, 0.95]").Optimizer;

        Assert.Equal(0.8, optimizer.Beta1);
        Assert.Equal(0.95, optimizer.Beta2);
    }

    [Theory]
    [InlineData("training.max_grad_norm=0", "training.max_grad_norm", "must be greater than 0")]
    [InlineData("training.max_grad_norm=-1", "training.max_grad_norm", "must be greater than 0")]
    [InlineData("training.max_grad_norm=.inf", "training.max_grad_norm", "must be a finite number")]
    [InlineData("training.max_grad_norm=big", "training.max_grad_norm", "expected a number, got 'big'")]
    [InlineData("training.lr_schedule=step", "training.lr_schedule", "must be one of constant, linear, cosine, exponential")]
    [InlineData("training.lr_schedule=[cosine]", "training.lr_schedule", "expected a mapping, got a list")]
    [InlineData("training.lr_schedule.final_fraction=0.1", "training.lr_schedule.kind", "is required")]
    [InlineData("training.lr_schedule={kind: cosine, final_fraction: 1.5}", "training.lr_schedule.final_fraction", "must be at least 0 and at most 1")]
    [InlineData("training.lr_schedule={kind: linear, final_fraction: -0.1}", "training.lr_schedule.final_fraction", "must be at least 0 and at most 1")]
    [InlineData("training.lr_schedule={kind: exponential, final_fraction: 0}", "training.lr_schedule.final_fraction", "greater than 0 for an exponential schedule")]
    [InlineData("training.lr_schedule={kind: cosine, final_fractoin: 0.1}", "training.lr_schedule.final_fractoin", "unknown field (did you mean 'final_fraction'?)")]
    [InlineData("training.optimizer.betas=[0.9]", "training.optimizer.betas", "expected two numbers [beta1, beta2], got 1")]
    [InlineData("training.optimizer.betas=[0.9, 0.99, 0.999]", "training.optimizer.betas", "expected two numbers [beta1, beta2], got 3")]
    [InlineData("training.optimizer.betas=0.9", "training.optimizer.betas", "expected a list")]
    [InlineData("training.optimizer.betas=[0.9, 1]", "training.optimizer.betas[1]", "must be at least 0 and less than 1")]
    [InlineData("training.optimizer.betas=[-0.1, 0.9]", "training.optimizer.betas[0]", "must be at least 0 and less than 1")]
    [InlineData("training.optimizer.no_decay=yes", "training.optimizer.no_decay", "must be one of auto, true, false")]
    public void Each_bad_recipe_field_is_named_with_the_reason(string assignment, string field, string reason)
    {
        var error = Fails(assignment);

        Assert.Equal(field, error.Field);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("training.optimizer.beta1=0.8")]
    [InlineData("training.optimizer.beta2=0.99")]
    public void Betas_and_beta1_or_beta2_together_are_refused(string single)
    {
        var error = Fails("training.optimizer.betas=[0.9, 0.99]", single);

        Assert.Equal("training.optimizer.betas", error.Field);
        Assert.Equal("set betas or beta1 and beta2, not both", error.Reason);
    }

    [Fact]
    public void A_mixture_job_reads_the_same_training_fields()
    {
        var yaml = """
            kind: doremi
            name: recipe
            data: { format: jsonl, train: pile/train.jsonl }
            model: { kind: transformer }
            training:
              steps: 10
              max_grad_norm: 1.0
              lr_schedule: cosine
              optimizer: { kind: adamw, betas: [0.9, 0.99] }
            """;

        var training = MixtureSpecReader.Read(yaml, [], "/specs").Training;

        Assert.Equal(1.0, training.MaxGradNorm);
        Assert.Equal(LrScheduleKind.Cosine, training.LrSchedule.Kind);
        Assert.Equal(0.99, training.Optimizer.Beta2);
    }
}
