# Beaconwatch container image.
#   docker build -t beaconwatch .
#   docker run --rm beaconwatch demo
#   docker run -d --name beaconwatch -v /opt/zeek/logs:/logs:ro -v beaconwatch-state:/state \
#     beaconwatch watch /logs --state /state --out /state/alerts.jsonl --syslog tcp://siem:6514
# The entrypoint is the beaconwatch command: any subcommand and options follow the image name.

# --- build: the Maven wrapper on a full JDK ---
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
COPY core/pom.xml core/
COPY ml/pom.xml ml/
COPY report/pom.xml report/
COPY cli/pom.xml cli/
COPY bench/pom.xml bench/
RUN ./mvnw -q -B dependency:go-offline -DexcludeReactor=true || true
COPY . .
RUN ./mvnw -q -B package -DskipTests -pl cli -am

# --- run: a slim JRE ---
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home-dir /state beaconwatch && mkdir -p /state && chown beaconwatch /state
COPY --from=build /src/cli/target/beaconwatch-cli.jar /opt/beaconwatch/beaconwatch-cli.jar
COPY dist/jvm.options /opt/beaconwatch/jvm.options
COPY dist/jit.sh /opt/beaconwatch/jit.sh
USER beaconwatch
WORKDIR /state
VOLUME ["/state"]
# JVM logging to stderr so that stdout carries only results; the launchers' JVM options
# (dist/jvm.options) and JIT choice (dist/jit.sh); exec, so SIGTERM (docker stop) reaches the JVM
# and checkpoints watch.
ENTRYPOINT ["/bin/sh", "-c", ". /opt/beaconwatch/jit.sh; exec java -Xlog:disable -Xlog:all=warning:stderr -XX:+DisplayVMOutputToStderr -XX:+UseContainerSupport -XX:MaxRAMPercentage=75 $(grep -v '^#' /opt/beaconwatch/jvm.options) $(beaconwatch_jit_options \"$@\") -jar /opt/beaconwatch/beaconwatch-cli.jar \"$@\"", "beaconwatch"]
CMD ["--help"]
