package io.scimitar.provisioner.rules.bench;

import io.scimitar.provisioner.rules.EvaluationEnvironment;
import io.scimitar.provisioner.rules.filter.ScopeDecision;
import io.scimitar.provisioner.rules.filter.ScopingFilterSet;
import io.scimitar.provisioner.rules.mapping.CompiledMappingSet;
import io.scimitar.provisioner.rules.mapping.MappingResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

/** JMH: cost of the mapping rules engine for the Miro mapping set (see RULES.md for the command and figures). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MappingSetBenchmark {

    private CompiledMappingSet mappings;
    private ScopingFilterSet scope;
    private EvaluationEnvironment environment;

    @Setup
    public void compile() {
        mappings = CompiledMappingSet.compile(MiroMappingFixture.MAPPINGS);
        scope = ScopingFilterSet.compile(MiroMappingFixture.SCOPING_FILTERS);
        environment = EvaluationEnvironment.deterministic(
                Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC), 1L);
    }

    @Benchmark
    public MappingResult evaluateMiroMappingSetForOneUser() {
        return mappings.evaluate(MiroMappingFixture.USER, environment, false);
    }

    @Benchmark
    public CompiledMappingSet parseAndCompileMiroMappingSet() {
        return CompiledMappingSet.compile(MiroMappingFixture.MAPPINGS);
    }

    @Benchmark
    public ScopeDecision evaluateScopingFiltersForOneUser() {
        return scope.evaluate(MiroMappingFixture.USER);
    }
}
