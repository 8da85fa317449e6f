package io.provenir.cli;

import picocli.CommandLine.Command;

/** {@code provenir eval}: measure detectors against labelled cases. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Measure Provenir's detectors and decontamination against labelled cases.",
    subcommands = {EvalPiiCommand.class, EvalSecretsCommand.class, EvalDecontamCommand.class})
final class EvalCommand {}
