{{/* The container's environment: fixed settings first, then values.env. */}}
{{- define "jointwork.env" -}}
- name: JOINTWORK_HTTP_ADDR
  value: {{ printf ":%v" .Values.containerPort | quote }}
- name: JOINTWORK_REDIS_MODE
  value: {{ .Values.redis.mode | quote }}
{{- if .Values.redis.urlSecret.name }}
- name: JOINTWORK_REDIS_URL
  valueFrom:
    secretKeyRef:
      name: {{ .Values.redis.urlSecret.name }}
      key: {{ .Values.redis.urlSecret.key }}
{{- else }}
- name: JOINTWORK_REDIS_URL
  value: {{ .Values.redis.url | quote }}
{{- end }}
- name: JOINTWORK_DIRECTORY
  value: /etc/jointwork/directory.yaml
{{- if .Values.rules }}
- name: JOINTWORK_RULES
  value: /etc/jointwork/rules
{{- end }}
{{- if .Values.holidays }}
- name: JOINTWORK_HOLIDAYS
  value: /etc/jointwork/holidays.txt
{{- end }}
- name: JOINTWORK_TIMEZONE
  value: {{ .Values.timezone | quote }}
- name: JOINTWORK_LOG_LEVEL
  value: {{ .Values.log.level | quote }}
- name: JOINTWORK_LOG_FORMAT
  value: {{ .Values.log.format | quote }}
{{- with .Values.teams.tenantId }}
- name: MICROSOFT_APP_TENANT_ID
  value: {{ . | quote }}
{{- end }}
{{- with .Values.teams.teamId }}
- name: JOINTWORK_TEAMS_TEAM_ID
  value: {{ . | quote }}
{{- end }}
{{- if .Values.metrics.enabled }}
- name: JOINTWORK_METRICS_ADDR
  value: {{ printf ":%v" .Values.metrics.port | quote }}
{{- end }}
{{- if .Values.pprof }}
- name: JOINTWORK_PPROF
  value: "true"
{{- end }}
{{- with include "jointwork.goMemLimit" . }}
- name: GOMEMLIMIT
  value: {{ . | quote }}
{{- else }}
{{- if dig "limits" "memory" "" (.Values.resources | default dict) }}
- name: GOMEMLIMIT
  valueFrom:
    resourceFieldRef:
      containerName: jointwork
      resource: limits.memory
{{- end }}
{{- end }}
{{- range $name, $value := .Values.env }}
{{- if not (hasPrefix "JOINTWORK_" $name) }}
{{- fail (printf "env: %q is not a JOINTWORK_ variable" $name) }}
{{- end }}
- name: {{ $name }}
  value: {{ $value | toString | quote }}
{{- end }}
{{- end }}
