from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    DecimalField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, NumberRange, Optional

from councilportal.answering.labels import OUTCOME_LABELS, RATING_LABELS
from councilportal.answering.models import Outcome
from councilportal.answering.workflow import ACTIONS_MAX_LENGTH, ANSWER_MAX_LENGTH, COMMENT_MAX_LENGTH
from councilportal.audits.labels import ACTIVITY_LABELS, AUDIT_STATE_LABELS, CARRIED_OUT_LABELS, DECISION_LABELS
from councilportal.audits.models import Activity, AuditState, CarriedOut, Decision
from councilportal.audits.services import (
    LOCATION_MAX_LENGTH,
    MAX_INTERVIEWED,
    RECOMMENDATION_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
)
from councilportal.forms import PortalForm, choices, max_length


class PersonalDataChecked(PortalForm):
    """Text others read: after a personal-data warning the person may send it anyway."""

    send_anyway = BooleanField(_l("Skicka ändå"))


class VersionedForm(PortalForm):
    """A form that changes an audit or a recommendation carries the version the person saw."""

    version = HiddenField()

    @property
    def seen_version(self) -> int | None:
        try:
            return int(self.version.data)
        except (TypeError, ValueError):
            return None


class CommissionForm(PersonalDataChecked):
    title = StringField(_l("Rubrik"), validators=[DataRequired(_l("Skriv en rubrik.")), max_length(TITLE_MAX_LENGTH)])
    unit_id = SelectField(_l("Verksamhet som granskas"), coerce=int,
                          validators=[DataRequired(_l("Välj verksamheten som granskas."))])
    council_id = SelectField(_l("Beställande råd"), coerce=int, validators=[Optional()])
    purpose = TextAreaField(_l("Syfte"), validators=[DataRequired(_l("Skriv granskningens syfte.")),
                                                    max_length(TEXT_MAX_LENGTH)], render_kw={"rows": 4})
    themes = TextAreaField(_l("Teman och frågor"), validators=[Optional(), max_length(TEXT_MAX_LENGTH)],
                           render_kw={"rows": 4})
    period_start = DateField(_l("Perioden börjar"), validators=[Optional()])
    period_end = DateField(_l("Perioden slutar"), validators=[Optional()])
    team = SelectMultipleField(_l("Granskningsgrupp"), coerce=int,
                               validators=[DataRequired(_l("Välj minst en brukarrevisor."))],
                               description=_l("Brukarrevisorer från brukarorganisationerna. Håll ned Ctrl "
                                              "(Cmd på Mac) för att välja flera."))
    lead_id = SelectField(_l("Granskningsledare"), coerce=int,
                          validators=[DataRequired(_l("Välj en granskningsledare ur gruppen."))])
    contact_id = SelectField(_l("Kontaktperson i verksamheten"), coerce=int, validators=[Optional()])
    is_public = BooleanField(_l("Offentlig granskning"),
                             description=_l("Sammanfattning, rekommendationer, svar och resultat visas för "
                                            "alla när rapporten är lämnad, om rådet är offentligt."))


class StartFieldworkForm(VersionedForm):
    pass


def _location_field() -> StringField:
    return StringField(lazy_pgettext("a meeting's location", "Plats"),
                       validators=[Optional(), max_length(LOCATION_MAX_LENGTH)])


class FeedbackMeetingForm(VersionedForm):
    starts_at = DateTimeLocalField(_l("Återföringsmöte"), format="%Y-%m-%dT%H:%M",
                                   validators=[DataRequired(_l("Fyll i dag och tid för återföringsmötet."))])
    location = _location_field()


class InterviewForm(PortalForm):
    starts_at = DateTimeLocalField(_l("Intervjuns dag och tid"), format="%Y-%m-%dT%H:%M",
                                   validators=[DataRequired(_l("Fyll i dag och tid för intervjun."))])
    location = _location_field()
    users = IntegerField(_l("Antal brukare"), default=0, validators=[
        InputRequired(_l("Fyll i ett antal, 0 om ingen.")),
        NumberRange(0, MAX_INTERVIEWED, _l("Ange ett antal från 0 till %(max)d."))])
    relatives = IntegerField(_l("Antal närstående"), default=0, validators=[
        InputRequired(_l("Fyll i ett antal, 0 om ingen.")),
        NumberRange(0, MAX_INTERVIEWED, _l("Ange ett antal från 0 till %(max)d."))])
    staff = IntegerField(_l("Antal personal"), default=0, validators=[
        InputRequired(_l("Fyll i ett antal, 0 om ingen.")),
        NumberRange(0, MAX_INTERVIEWED, _l("Ange ett antal från 0 till %(max)d."))])


class RemoveInterviewForm(PortalForm):
    pass


class ReportForm(VersionedForm, PersonalDataChecked):
    summary = TextAreaField(_l("Sammanfattning"), validators=[DataRequired(_l("Skriv en sammanfattning.")),
                                                             max_length(TEXT_MAX_LENGTH)], render_kw={"rows": 8})
    findings = TextAreaField(_l("Iakttagelser"), validators=[Optional(), max_length(TEXT_MAX_LENGTH)],
                             render_kw={"rows": 10})


class RecommendationForm(PersonalDataChecked):
    text = TextAreaField(_l("Rekommendation"), validators=[DataRequired(_l("Skriv rekommendationen.")),
                                                          max_length(RECOMMENDATION_MAX_LENGTH)],
                         render_kw={"rows": 3})


class SubmitReportForm(VersionedForm):
    pass


class HoursForm(PortalForm):
    user_id = SelectField(_l("Brukarrevisor"), coerce=int, validators=[DataRequired(_l("Välj någon i gruppen."))])
    activity = SelectField(_l("Aktivitet"), coerce=Activity,
                           choices=choices((a.value, ACTIVITY_LABELS[a]) for a in Activity),
                           validators=[DataRequired(_l("Välj vad timmarna gällde."))])
    worked_on = DateField(_l("Dag"), validators=[DataRequired(_l("Fyll i dagen."))])
    hours = DecimalField(_l("Timmar"), places=2, validators=[
        DataRequired(_l("Ange timmar som ett tal, till exempel 2,5.")),
        NumberRange(0.25, 24, _l("Ange mellan 0 och 24 timmar."))])


class CloseForm(VersionedForm):
    pass


class CancelForm(VersionedForm):
    reason = TextAreaField(_l("Varför ställs granskningen in?"),
                           validators=[DataRequired(_l("Skriv varför granskningen ställs in.")),
                                       max_length(COMMENT_MAX_LENGTH)], render_kw={"rows": 3})


class AssignRecommendationForm(VersionedForm):
    unit_id = SelectField(_l("Ansvarig enhet"), coerce=int, validators=[Optional()])
    manager_id = SelectField(_l("Ansvarig chef"), coerce=int, validators=[Optional()])
    deadline = DateField(_l("Svara senast"), validators=[DataRequired(_l("Fyll i ett svarsdatum."))])


class AnswerRecommendationForm(VersionedForm, PersonalDataChecked):
    kind = RadioField(_l("Vilket slags svar?"), default="final", choices=choices([
        ("interim", _l("Delbesked: vi arbetar med saken")),
        ("final", _l("Svar: det här blir resultatet")),
    ]))
    decision = RadioField(_l("Godtas rekommendationen?"), coerce=Decision, validators=[Optional()],
                          choices=choices((d.value, DECISION_LABELS[d]) for d in Decision))
    text = TextAreaField(_l("Svar"), validators=[DataRequired(_l("Skriv svaret.")), max_length(ANSWER_MAX_LENGTH)],
                         render_kw={"rows": 5})
    actions = TextAreaField(_l("Åtgärder"), validators=[Optional(), max_length(ACTIONS_MAX_LENGTH)],
                            description=_l("Vad ska göras, av vem och när?"), render_kw={"rows": 3})
    follow_up_on = DateField(_l("Följs upp"), validators=[Optional()],
                             description=_l("Dagen då granskningsgruppen följer upp åtgärderna."))


class FollowUpForm(VersionedForm):
    carried_out = RadioField(_l("Har åtgärderna genomförts?"), coerce=CarriedOut,
                             choices=choices((c.value, CARRIED_OUT_LABELS[c]) for c in CarriedOut),
                             validators=[DataRequired(_l("Välj om åtgärderna har genomförts."))])
    outcome = RadioField(_l("Vad ledde rekommendationen till?"), coerce=Outcome,
                         choices=choices((o.value, OUTCOME_LABELS[o]) for o in Outcome),
                         validators=[DataRequired(_l("Välj vad rekommendationen ledde till."))])
    rating = RadioField(_l("Hur nöjda är ni med svaret?"), coerce=int, choices=choices(RATING_LABELS.items()),
                        validators=[DataRequired(_l("Välj ett betyg från 1 till 5."))])


class AuditFilterForm(PortalForm):
    class Meta:
        csrf = False

    state = SelectField(_l("Läge"), validators=[Optional()],
                        choices=choices([("", _l("Alla lägen"))]
                                        + [(s.value, AUDIT_STATE_LABELS[s]) for s in AuditState]))
    unit = SelectField(_l("Verksamhet"), coerce=int, validators=[Optional()])
    year = IntegerField(_l("År"), validators=[Optional(), NumberRange(2000, 2100, _l("Ange ett år."))])
