using static Minimax.Contracts.Specs.RunSpecReader;

namespace Minimax.Contracts.Specs;

/// <summary>Binds a spec's <c>training</c> section (docs/run-spec.md): steps, batches, the optimizer and its schedule.</summary>
internal static class TrainingBinder
{
    private static readonly string[] TrainingFields =
        ["workers", "epochs", "steps", "batch_size", "optimizer", "eval_every", "select_by", "checkpoint_every", "lr_schedule", "max_grad_norm", "device"];

    private static readonly string[] OptimizerFields =
        ["kind", "lr", "momentum", "weight_decay", "beta1", "beta2", "betas", "eps", "warmup", "no_decay"];

    public static TrainingSpec Bind(SpecNode node, bool languageModel)
    {
        var fields = node.Fields(TrainingFields);
        fields.TryGetValue("epochs", out var epochs);
        fields.TryGetValue("steps", out var steps);
        if (epochs is null && steps is null)
        {
            throw new SpecException("training.epochs", "set training.epochs or training.steps");
        }

        if (epochs is not null && steps is not null)
        {
            throw new SpecException("training.steps",
                "set training.epochs or training.steps, not both (clear one with --set training.epochs=null)");
        }

        var defaults = new TrainingSpec { Optimizer = new OptimizerSpec(), SelectBy = languageModel ? SelectBy.Final : SelectBy.ValWorstGroupAccuracy };
        var training = defaults with
        {
            Workers = fields.TryGetValue("workers", out var workers) ? workers.Int(1, MaxWorkers) : defaults.Workers,
            Epochs = epochs?.Int(1, MaxEpochs),
            Steps = steps?.Int(1, MaxSteps),
            BatchSize = fields.TryGetValue("batch_size", out var batchSize) ? batchSize.Int(1, MaxBatchSize) : defaults.BatchSize,
            Optimizer = fields.TryGetValue("optimizer", out var optimizer) ? BindOptimizer(optimizer) : defaults.Optimizer,
            EvalEvery = fields.TryGetValue("eval_every", out var evalEvery) ? evalEvery.Int(1) : defaults.EvalEvery,
            SelectBy = fields.TryGetValue("select_by", out var selectBy) ? selectBy.Enum<SelectBy>() : defaults.SelectBy,
            CheckpointEvery = fields.TryGetValue("checkpoint_every", out var checkpointEvery) ? checkpointEvery.Int(1) : defaults.CheckpointEvery,
            LrSchedule = fields.TryGetValue("lr_schedule", out var schedule) ? BindSchedule(schedule) : defaults.LrSchedule,
            MaxGradNorm = fields.TryGetValue("max_grad_norm", out var maxGradNorm) ? maxGradNorm.Double(0, minExclusive: true) : defaults.MaxGradNorm,
            Device = fields.TryGetValue("device", out var device) ? BindDevice(device) : defaults.Device,
        };
        if (languageModel && training.SelectBy != SelectBy.Final)
        {
            throw new SpecException("training.select_by", "language models keep their final parameters: use final");
        }

        return training;
    }

    /// <summary><c>lr_schedule: cosine</c>, or <c>lr_schedule: { kind: cosine, final_fraction: 0.1 }</c>.</summary>
    private static LrScheduleSpec BindSchedule(SpecNode node)
    {
        if (node.IsScalar)
        {
            return new LrScheduleSpec { Kind = node.Enum<LrScheduleKind>() };
        }

        var fields = node.Fields("kind", "final_fraction");
        var schedule = new LrScheduleSpec
        {
            Kind = Required(fields, "kind", $"{node.Path}.kind").Enum<LrScheduleKind>(),
        };
        if (!fields.TryGetValue("final_fraction", out var finalFraction))
        {
            return schedule;
        }

        // Accepted, and ignored, with constant: one spec can then be swept over every kind.
        schedule = schedule with { FinalFraction = finalFraction.Double(0, max: 1) };
        return schedule is { Kind: LrScheduleKind.Exponential, FinalFraction: 0 }
            ? throw finalFraction.Error("must be greater than 0 for an exponential schedule (0 would stop learning right after the warm-up)")
            : schedule;
    }

    private static OptimizerSpec BindOptimizer(SpecNode node)
    {
        var fields = node.Fields(OptimizerFields);
        var spec = new OptimizerSpec();
        var (beta1, beta2) = BindBetas(fields, spec);
        return spec with
        {
            Kind = fields.TryGetValue("kind", out var kind) ? kind.Enum<OptimizerKind>() : spec.Kind,
            Lr = fields.TryGetValue("lr", out var lr) ? lr.Double(0, minExclusive: true) : spec.Lr,
            Momentum = fields.TryGetValue("momentum", out var momentum) ? momentum.Double(0, max: 1, maxExclusive: true) : spec.Momentum,
            WeightDecay = fields.TryGetValue("weight_decay", out var weightDecay) ? weightDecay.Double(0) : spec.WeightDecay,
            Beta1 = beta1,
            Beta2 = beta2,
            Eps = fields.TryGetValue("eps", out var eps) ? eps.Double(0, minExclusive: true) : spec.Eps,
            Warmup = fields.TryGetValue("warmup", out var warmup) ? warmup.Int(0, MaxSteps) : spec.Warmup,
            NoDecay = fields.TryGetValue("no_decay", out var noDecay) ? noDecay.Enum<NoDecayMode>() : spec.NoDecay,
        };
    }

    /// <summary><c>betas: [0.9, 0.99]</c> (PyTorch's form) or <c>beta1</c> and <c>beta2</c>, not both.</summary>
    private static (double Beta1, double Beta2) BindBetas(IReadOnlyDictionary<string, SpecNode> fields, OptimizerSpec defaults)
    {
        if (fields.TryGetValue("betas", out var betas))
        {
            if (fields.ContainsKey("beta1") || fields.ContainsKey("beta2"))
            {
                throw betas.Error("set betas or beta1 and beta2, not both");
            }

            var items = betas.Items();
            return items.Count == 2
                ? (Beta(items[0]), Beta(items[1]))
                : throw betas.Error($"expected two numbers [beta1, beta2], got {items.Count}");
        }

        return (
            fields.TryGetValue("beta1", out var beta1) ? Beta(beta1) : defaults.Beta1,
            fields.TryGetValue("beta2", out var beta2) ? Beta(beta2) : defaults.Beta2);
    }

    private static DeviceSpec BindDevice(SpecNode node) =>
        DeviceSpec.Parse(node.String())
        ?? throw node.Error($"must be auto, cpu, cuda or cuda:N (N from 0 to {DeviceSpec.MaxCudaIndex}), got '{SpecNode.Echo(node.String())}'");

    private static double Beta(SpecNode node) => node.Double(0, max: 1, maxExclusive: true);
}
